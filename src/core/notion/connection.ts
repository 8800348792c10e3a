import { Agent, EnvHttpProxyAgent, type Dispatcher } from './undiciAgent';
import { SettingsError } from '../settings/settings';
import type { ConnectionOptions } from './connectionOptions';

const KEEP_ALIVE = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 };

/** The proxy a request to `origin` goes through, without credentials (for messages), or undefined when direct. */
export function proxyFor(options: ConnectionOptions, origin: string): string | undefined {
  const url = new URL(origin);
  const raw = url.protocol === 'https:' ? options.httpsProxy ?? options.httpProxy : options.httpProxy;
  if (!raw || bypassesProxy(options.noProxy, url)) return undefined;
  const proxy = proxyUrl(raw, 'proxy');
  return `${proxy.protocol}//${proxy.host}`;
}

/** Whether a user name and password (or a whole Proxy-Authorization) go to the proxy a request to `origin` goes through. */
export function proxyCredentialsGiven(options: ConnectionOptions, origin: string): boolean {
  const url = new URL(origin);
  const raw = url.protocol === 'https:' ? options.httpsProxy ?? options.httpProxy : options.httpProxy;
  if (!raw || bypassesProxy(options.noProxy, url)) return false;
  const proxy = proxyUrl(raw, 'proxy');
  return proxy.username !== '' || proxy.password !== '' || !!options.proxyAuthorization;
}

/** The dispatcher NotionClient sends through: a keep-alive Agent, or one that tunnels through the proxy. */
export function createDispatcher(options: ConnectionOptions = {}): Dispatcher {
  const tls: { rejectUnauthorized?: boolean; ca?: string[] } = {};
  if (options.rejectUnauthorized === false) tls.rejectUnauthorized = false;
  // Node's `ca` replaces its bundled list, so the bundled list goes first. node:tls is loaded only here: undici loads it
  // for the first https connection, and a run against http (a local proxy or emulator) never needs it.
  if (options.extraCaCertificates?.length) tls.ca = [...(require('node:tls') as typeof import('node:tls')).rootCertificates, ...options.extraCaCertificates];
  const httpsProxy = options.httpsProxy ? proxyUrl(options.httpsProxy, 'https').href : '';
  const httpProxy = options.httpProxy ? proxyUrl(options.httpProxy, 'http').href : '';
  if (!httpsProxy && !httpProxy) return new Agent({ ...KEEP_ALIVE, connect: tls });
  // Explicit values, even empty ones, keep undici from reading this process's own environment behind our back.
  return new EnvHttpProxyAgent({
    ...KEEP_ALIVE,
    httpProxy, httpsProxy, noProxy: options.noProxy ?? '',
    connect: tls, requestTls: tls, proxyTls: tls,
    ...(options.proxyAuthorization ? { token: options.proxyAuthorization } : {}),
  });
}

function proxyUrl(value: string, which: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`The ${which} proxy "${withoutCredentials(value)}" is not a URL: give it as http://host:port.`, 'Give the proxy as http://host:port (or http://user:password@host:port).');
  }
  // undici could tunnel through SOCKS5, but that code is left out of the bundles (esbuild.mjs): such a proxy is refused
  // here, before any request, saying what works instead.
  if (/^socks[45]?[ah]?:$/.test(url.protocol)) {
    throw new SettingsError(
      `The ${which} proxy ${url.protocol}//${url.host} is a SOCKS proxy, which uploads cannot go through: use an HTTP proxy, http://host:port.`,
      'Set HTTPS_PROXY (or http.proxy in VS Code) to an HTTP proxy: http://host:port or http://user:password@host:port.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingsError(`The ${which} proxy ${url.protocol}//${url.host} is not an HTTP proxy: give it as http://host:port or https://host:port.`, 'Give the proxy as http://host:port or https://host:port.');
  }
  // A proxy is a host and port; a path (http://host:port/proxy) is no part of the CONNECT it is asked for, and the
  // connection library would fail every request with a bare "invalid url".
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new SettingsError(`The ${which} proxy ${url.protocol}//${url.host}${url.pathname}${url.search} has a path: a proxy is given as a host and port only.`,
      `Give the proxy as ${url.protocol}//${url.host} (or ${url.protocol}//user:password@${url.host}), without the path.`);
  }
  return url;
}

function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//');
}

/** NO_PROXY as undici applies it: exact host, a parent domain, optionally a port, or `*`. */
function bypassesProxy(noProxy: string | undefined, url: URL): boolean {
  const entries = (noProxy ?? '').split(/[,\s]/).filter(Boolean);
  const host = url.hostname.toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return entries.some((entry) => {
    if (entry === '*') return true;
    const match = /^(.+):(\d+)$/.exec(entry);
    if (match && Number(match[2]) !== port) return false;
    const name = (match ? match[1] : entry).replace(/^\*?\./, '').toLowerCase();
    return host === name || host.endsWith(`.${name}`);
  });
}
