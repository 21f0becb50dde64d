// Subnet names: Azure uses them as written, so a name it refuses fails the deploy. The planner refuses
// it first, so that a green `aksnet plan` means the subnets can be created.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
// (Microsoft.Network virtualNetworks/subnets: 1-80 characters, alphanumerics, underscores, periods and
// hyphens; start with an alphanumeric, end with an alphanumeric or underscore). The 80-character cap
// is the network schema's.
import type { PlanContext } from '../context';
import { error, type Finding } from '../findings';

export const SUBNET_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

export function checkNames(ctx: PlanContext): Finding[] {
  return ctx.subnets
    .filter((s) => !SUBNET_NAME.test(s.subnet.name))
    .map((s) =>
      error(
        'INVALID_NAME',
        `${s.path}.name`,
        `subnet name "${s.subnet.name}": Azure subnet names are letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_"`,
      ),
    );
}
