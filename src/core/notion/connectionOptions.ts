// What decides how requests reach Notion, as plain data: read at activation without loading undici (see light.ts).

/** How requests reach Notion: directly or through an HTTP(S) proxy, and which certificates are trusted. */
export interface ConnectionOptions {
  /** Proxy for https:// origins (Notion's API); falls back to `httpProxy`. `http://user:password@host:port` or `host:port`. */
  httpsProxy?: string;
  /** Proxy for http:// origins (and https:// ones when `httpsProxy` is unset). */
  httpProxy?: string;
  /** Hosts reached directly, as NO_PROXY: comma or space separated, `host`, `.domain`, `host:port` or `*`. */
  noProxy?: string;
  /** The whole Proxy-Authorization header value sent to the proxy (VS Code's `http.proxyAuthorization`). */
  proxyAuthorization?: string;
  /** false: accept any server certificate (VS Code's `http.proxyStrictSSL` turned off). Default true. */
  rejectUnauthorized?: boolean;
  /** Certificate authorities (PEM) trusted besides Node's own ones and NODE_EXTRA_CA_CERTS. */
  extraCaCertificates?: string[];
}

/** The proxy settings of a process environment, the way curl and undici read them (lower case first). */
export function connectionOptionsFromEnv(env: Record<string, string | undefined>): ConnectionOptions {
  const pick = (name: string): string | undefined => {
    const value = env[name.toLowerCase()] ?? env[name];
    return value?.trim() ? value.trim() : undefined;
  };
  return { httpsProxy: pick('HTTPS_PROXY'), httpProxy: pick('HTTP_PROXY'), noProxy: pick('NO_PROXY') };
}
