// Which Azure `aksnet usage` talks to: a named cloud (its Resource Manager endpoint and Microsoft
// Entra authority), or any Resource Manager endpoint with the authority it announces in its metadata
// (GET {endpoint}/metadata/endpoints, what `az cloud register --endpoint-resource-manager` reads for
// Azure Stack Hub and other custom clouds). The token scope is the endpoint's audience + "/.default".
// Endpoints: https://learn.microsoft.com/azure/azure-government/documentation-government-developer-guide,
// https://learn.microsoft.com/azure/china/resources-developer-guide,
// https://learn.microsoft.com/javascript/api/@azure/identity/azureauthorityhosts
import * as https from 'node:https';
import { InputError } from './inputError';

export interface AzureTarget {
  /** cloud name, or "custom" for --arm-endpoint */
  cloud: string;
  armEndpoint: string;
  authorityHost: string;
  /** the scope tokens are asked for: "<Resource Manager audience>/.default" */
  scope: string;
}

/** Names as `az cloud list` and Azure PowerShell spell them; AzureCloud is az's name for the public cloud. */
export const CLOUDS: Record<string, Omit<AzureTarget, 'cloud'>> = {
  AzurePublicCloud: { armEndpoint: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com', scope: 'https://management.azure.com/.default' },
  AzureUSGovernment: { armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', scope: 'https://management.usgovcloudapi.net/.default' },
  AzureChinaCloud: { armEndpoint: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn', scope: 'https://management.chinacloudapi.cn/.default' },
};
const ALIASES: Record<string, string> = { azurecloud: 'AzurePublicCloud', public: 'AzurePublicCloud', usgovernment: 'AzureUSGovernment', china: 'AzureChinaCloud' };

export function namedCloud(name: string): AzureTarget {
  const key = Object.keys(CLOUDS).find((c) => c.toLowerCase() === name.toLowerCase()) ?? ALIASES[name.toLowerCase()];
  if (!key) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--cloud', message: `unknown cloud "${name}": use ${Object.keys(CLOUDS).join(', ')}, or --arm-endpoint URL for another` }]);
  }
  return { cloud: key, ...CLOUDS[key] };
}

/** The metadata a Resource Manager endpoint publishes (api-version 2022-09-01). */
interface ArmMetadata {
  authentication?: { loginEndpoint?: string; audiences?: string[] };
}

export async function cloudOfEndpoint(url: string, agent?: https.Agent): Promise<AzureTarget> {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--arm-endpoint', message: `"${url}" is not a URL: give the Resource Manager endpoint, such as https://management.azure.com/` }]);
  }
  if (endpoint.protocol !== 'https:') {
    // tokens travel with every request: never over plain HTTP
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--arm-endpoint', message: `${url}: Azure Resource Manager is reached over https only` }]);
  }
  const base = endpoint.href.replace(/\/+$/, '');
  const metadataUrl = `${base}/metadata/endpoints?api-version=2022-09-01`;
  let metadata: ArmMetadata;
  try {
    metadata = JSON.parse(await httpsGet(metadataUrl, agent)) as ArmMetadata;
  } catch (e) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--arm-endpoint', message: `cannot read the cloud's metadata at ${metadataUrl}: ${(e as Error).message}` }]);
  }
  const login = metadata.authentication?.loginEndpoint;
  const audience = metadata.authentication?.audiences?.[0];
  if (!login || !audience) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--arm-endpoint', message: `${metadataUrl} names no authentication.loginEndpoint and audiences: is ${url} a Resource Manager endpoint?` }]);
  }
  return { cloud: 'custom', armEndpoint: base, authorityHost: login.replace(/\/+$/, ''), scope: `${audience.replace(/\/+$/, '')}/.default` };
}

function httpsGet(url: string, agent: https.Agent | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ...(agent ? { agent } : {}), timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
  });
}
