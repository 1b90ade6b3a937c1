import type { PeerResponse } from '../peers/peer-response';

const SECRET_FIELDS = new Set(['auth_code', 'ident_code', 'message_crypt_key']);
const MAX_TEXT = 240;

/** A body as the report shows it: secrets and pass codes replaced by their shape, long values shortened. */
export function redactedJson(value: unknown): string {
  const text = JSON.stringify(value, (key, field: unknown) => {
    if (key === 'pass_code') return '<pass code>';
    if (SECRET_FIELDS.has(key) && typeof field === 'string')
      return /^[0-9a-f]{64}$/.test(field) ? '<64 hex>' : `<${field.length} chars>`;
    if (key === 'message_package' && typeof field === 'string') return `<${field.length} chars>`;
    return field;
  });
  return shorten(text ?? String(value));
}

/** What came back from a peer, in one line. */
export function describeResponse(response: PeerResponse): string {
  if (response.ok) {
    const type = response.details?.contentType ? ` (${response.details.contentType})` : '';
    return `HTTP 200${type} ${redactedJson(response.json)}`;
  }
  const body = response.json === undefined ? '' : ` ${redactedJson(response.json)}`;
  return `${response.message}${body}`;
}

export function describeRequest(url: URL, body: unknown): string {
  return `POST ${url.href} ${redactedJson(body)}`;
}

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
}
