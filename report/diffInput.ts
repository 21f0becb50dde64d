// Reading the two sides of `aksnet diff`: documents written by `aksnet plan --format json`, either
// one plan object (one stack) or { ok, stacks: { <name>: plan }, findings } (several). Only the
// fields the diff reads are checked; anything else a newer or older plan carries passes through.
// Pure: the CLI reads the file and parses the JSON, this turns the value into stacks or problems.
import * as z from 'zod/mini';
import { builtOnFirstUse } from '../planner/builtOnFirstUse';
import { formatPath } from '../planner/validate';

// The schemas are built on first use: every command loads this module (cli/main.ts), and building
// them cost about 1.5 ms of CPU at each start; only `aksnet diff` reads plan documents.
function buildSchemas() {
  const finding = z.looseObject({
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string(),
    message: z.string(),
    path: z.string(),
  });

  const subnet = z.looseObject({
    name: z.string(),
    cidr: z.nullable(z.string()),
    usable: z.number(),
    demand: z.number(),
    utilization: z.nullable(z.number()),
    pools: z.array(z.string()),
    headroomNodes: z.nullable(z.number()),
    runsOutAtNodes: z.nullable(z.number()),
    forecastPool: z.optional(z.nullable(z.string())),
  });

  const podRange = z.looseObject({
    name: z.string(),
    cidr: z.string(),
    totalBlocks: z.number(),
    demandBlocks: z.number(),
    utilization: z.nullable(z.number()),
    headroomNodes: z.number(),
    runsOutAtNodes: z.number(),
    forecastPool: z.optional(z.nullable(z.string())),
  });

  const pool = z.looseObject({
    name: z.string(),
    mode: z.string(),
    osType: z.enum(['Linux', 'Windows']),
    vmSize: z.string(),
    subnet: z.string(),
    podSubnet: z.optional(z.string()),
    minNodes: z.number(),
    maxNodes: z.number(),
    surgeNodes: z.number(),
    maxPods: z.number(),
    headroomNodes: z.number(),
    runsOutAtNodes: z.number(),
    limitedBy: z.string(),
    limitedByPath: z.optional(z.string()),
    blockedBy: z.optional(z.string()),
    maxSafeMaxCount: z.optional(z.number()),
    agentPoolName: z.optional(z.string()),
  });

  /** One probe of the policy evaluator: can `from` reach `to` on port/protocol under the stack's policy. */
  const connection = z.looseObject({
    from: z.string(),
    to: z.string(),
    port: z.optional(z.union([z.number(), z.string()])),
    protocol: z.optional(z.string()),
    allowed: z.boolean(),
  });

  /** The inputs of `connectivity` (netpol/connectivity.ts ReachSummary): checked in depth when the diff evaluates them. */
  const reach = z.looseObject({
    engine: z.enum(['calico', 'cilium', 'azure-npm']),
    objects: z.array(z.unknown()),
    pods: z.looseObject({ pods: z.array(z.unknown()) }),
  });

  // kubenet's route table (one route per node, surge included, against Azure's 400)
  const routeTable = z.looseObject({
    used: z.number(),
    limit: z.number(),
    utilization: z.nullable(z.number()),
    headroomNodes: z.nullable(z.number()),
    runsOutAtNodes: z.nullable(z.number()),
    forecastPool: z.optional(z.nullable(z.string())),
  });

  const stackPlan = z.looseObject({
    ok: z.optional(z.boolean()),
    findings: z.array(finding),
    network: z.looseObject({ plugin: z.string() }),
    subnets: z.array(subnet),
    podRanges: z.optional(z.array(podRange)),
    routeTable: z.optional(routeTable),
    pools: z.array(pool),
    connectivity: z.optional(z.array(connection)),
    reach: z.optional(reach),
  });

  const multiStack = z.looseObject({
    stacks: z.record(z.string(), stackPlan),
    findings: z.optional(z.array(finding)),
  });
  return { finding, subnet, podRange, pool, connection, reach, routeTable, stackPlan, multiStack };
}

type Schemas = ReturnType<typeof buildSchemas>;
const schemas = builtOnFirstUse(buildSchemas);

export type PlanFinding = z.infer<Schemas['finding']>;
export type PlanSubnet = z.infer<Schemas['subnet']>;
export type PlanPodRange = z.infer<Schemas['podRange']>;
export type PlanRouteTable = z.infer<Schemas['routeTable']>;
export type PlanPool = z.infer<Schemas['pool']>;
export type Connection = z.infer<Schemas['connection']>;
export type PlanReach = z.infer<Schemas['reach']>;
export type StackPlan = z.infer<Schemas['stackPlan']>;

export interface PlanDocument {
  /** stack name -> plan, in the document's order */
  stacks: Map<string, StackPlan>;
  /** findings between stacks (several-stack documents only) */
  crossStackFindings: PlanFinding[];
  /** a one-stack plan object, named by the caller rather than by the document */
  single: boolean;
}

export type DocumentRead = { ok: true; document: PlanDocument } | { ok: false; problems: { path: string; message: string }[] };

/**
 * A single-stack document is named by its `stack` field (aksnet plan writes it), else `singleStackName`
 * (the CLI passes --stack, or "default"); --stack (`only`) always wins.
 * With `only`, a several-stack document is cut down to that stack (a problem when it lacks it).
 */
export function readPlanDocument(value: unknown, singleStackName: string, only?: string): DocumentRead {
  const isMulti = typeof value === 'object' && value !== null && 'stacks' in value;
  const parsed = isMulti ? z.safeParse(schemas().multiStack, value) : z.safeParse(schemas().stackPlan, value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue) }));
    if (!isMulti) problems.push({ path: '', message: 'not an `aksnet plan --format json` document (a plan, or { stacks: { <name>: plan } })' });
    return { ok: false, problems };
  }
  if (!isMulti) {
    // a one-stack plan names its stack (`stack`, since aksnet plan writes it); --stack still wins
    const own = (parsed.data as { stack?: unknown }).stack;
    const named = only === undefined && typeof own === 'string' && own !== '' ? own : singleStackName;
    return { ok: true, document: { stacks: new Map([[named, parsed.data as StackPlan]]), crossStackFindings: [], single: true } };
  }
  const data = parsed.data as z.infer<Schemas['multiStack']>;
  let entries = Object.entries(data.stacks);
  if (only !== undefined) {
    entries = entries.filter(([name]) => name === only);
    if (entries.length === 0) return { ok: false, problems: [{ path: 'stacks', message: `no stack "${only}" (it has ${Object.keys(data.stacks).join(', ') || 'none'})` }] };
  }
  return { ok: true, document: { stacks: new Map(entries), crossStackFindings: only !== undefined ? [] : (data.findings ?? []), single: false } };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}
