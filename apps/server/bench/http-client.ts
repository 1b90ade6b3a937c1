import { Agent, request } from 'node:http';
import { ApiClient } from '../test/peer-kit/api-client';
import type { TestNode } from '../test/peer-kit/nodes';

/**
 * A keep-alive HTTP client for the load generator. fetch() costs more CPU per request than the
 * three hops it measures (seen here: 532/s against 1400/s at concurrency 1), so the benchmark
 * uses node:http for the nodes and for the ceiling alike.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (answer += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: answer ? JSON.parse(answer) : null }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

export function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', agent, headers }, (response) => {
      let answer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (answer += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: answer ? JSON.parse(answer) : null }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * An account and a signed-in client made by the admin CLI (a process of its own): the benches run
 * under tsx, which drops the decorator metadata that TestNode.createUser's in-process Nest needs.
 */
export async function userViaCli(node: TestNode, id: string, name: string): Promise<ApiClient> {
  const created = await node.admin('create-user', '--id', id, '--name', name, '--token');
  return new ApiClient(node.baseUrl, created.token, created.address);
}
