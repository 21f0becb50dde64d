// A loopback HTTPS server that replays recorded Azure Resource Manager responses, so `aksnet usage`
// runs through the Azure SDK's real HTTP pipeline (retries, paging, error handling) with no network.
// Its certificate is made for 127.0.0.1 by openssl in a temporary folder (removed on close) and
// trusted through the https.Agent the command is given; the credential is a static test token, and
// the server refuses any request without it.
//
// The recording (test/fixtures/usage/estate.json) maps "METHOD /path" (query left out, case
// ignored) to the responses served in turn (the last one repeats). "{{base}}" in a body or header
// stands for the server's own https://127.0.0.1:PORT, so nextLink pages come back here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { makeTempDir, removeTempDir } from './tmp';

export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
export type Recording = Record<string, RecordedResponse[]>;

export interface ReplayServer {
  base: string;
  agent: https.Agent;
  /** requests served, in order: "METHOD /path?query" */
  log: string[];
  close(): Promise<void>;
}

export const TEST_TOKEN = 'aksnet-test-token';
export const testCredential = { getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };

export const RECORDING_FILE = path.join(__dirname, 'fixtures', 'usage', 'estate.json');

export function loadRecording(file = RECORDING_FILE): Recording {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { routes: Recording }).routes;
}

export async function startReplay(recording: Recording): Promise<ReplayServer> {
  const dir = makeTempDir();
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tls = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
    const served = new Map<string, number>();
    const log: string[] = [];
    const routes = new Map(Object.entries(recording).map(([k, v]) => [k.toLowerCase(), v]));
    let base = '';
    const server = https.createServer(tls, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', base);
        const route = `${req.method} ${decodeURIComponent(url.pathname)}`.toLowerCase();
        log.push(`${req.method} ${url.pathname}${url.search}`);
        const metadata = route === 'get /metadata/endpoints';
        if (!metadata && req.headers.authorization !== `Bearer ${TEST_TOKEN}`) return send(res, { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'no test token' } } }, base);
        const responses = routes.get(route);
        if (!responses) return send(res, { status: 404, body: { error: { code: 'ResourceNotFound', message: `nothing recorded for ${route}` } } }, base);
        const n = served.get(route) ?? 0;
        served.set(route, n + 1);
        send(res, responses[Math.min(n, responses.length - 1)], base);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = new https.Agent({ ca: tls.cert, keepAlive: false });
    return {
      base,
      agent,
      log,
      close: () => new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    };
  } finally {
    removeTempDir(dir);
  }
}

function send(res: import('node:http').ServerResponse, r: RecordedResponse, base: string): void {
  const fill = (s: string) => s.split('{{base}}').join(base);
  const text = r.body === undefined ? '' : fill(JSON.stringify(r.body));
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': 'replay', ...Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, fill(v)])) };
  res.writeHead(r.status, headers);
  res.end(text);
}
