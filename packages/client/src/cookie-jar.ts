/**
 * The cookies of one node, for programs without a browser (Node): what the node sets with
 * Set-Cookie is sent back on the next requests. A node sets only its session cookie and the CSRF
 * cookie, on its own origin and path `/`, so names and values are all this keeps (attributes such
 * as Secure are the browser's business: a Node program chose the node's URL itself).
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie lines of an answer: new values replace old ones, expired ones are removed. */
  store(headers: Headers): void {
    for (const line of setCookieLines(headers)) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === '' || attributes.some((attribute) => isExpiry(attribute.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    const value = this.cookies.get(name);
    return value === undefined ? undefined : safeDecode(value);
  }

  /** The Cookie header to send, or undefined when there is none. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  clear(): void {
    this.cookies.clear();
  }
}

function setCookieLines(headers: Headers): string[] {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  // Older fetch implementations join the lines with commas, which dates also contain: split before each `name=`.
  const joined = headers.get('set-cookie');
  return joined ? joined.split(/,(?=\s*[^;,=\s]+=)/) : [];
}

function isExpiry(attribute: string): boolean {
  const [name = '', value = ''] = attribute.split('=');
  if (name.toLowerCase() === 'max-age') return Number(value) <= 0;
  if (name.toLowerCase() === 'expires') return Date.parse(value) <= Date.now();
  return false;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
