import type { WorkspaceConfiguration } from 'vscode';
import { connectionOptionsFromEnv, type ConnectionOptions } from '../core/light';

/** VS Code's own network settings (section `http`) that decide how the extension reaches Notion. */
export interface VscodeHttpSettings {
  proxy?: string;
  noProxy?: string[];
  proxyStrictSSL?: boolean;
  proxyAuthorization?: string | null;
  /** 'off' turns VS Code's proxy support for extensions off: requests go direct. */
  proxySupport?: string;
}

/**
 * The core's connection options from VS Code's settings, as VS Code applies them to extensions: `http.proxy` for
 * every request, else the environment's HTTPS_PROXY/HTTP_PROXY; `http.noProxy`, else NO_PROXY; the
 * Proxy-Authorization header; `http.proxyStrictSSL` off accepts any certificate.
 */
export function connectionFromVscodeSettings(http: VscodeHttpSettings, env: Record<string, string | undefined>): ConnectionOptions {
  const connection: ConnectionOptions = {};
  if (http.proxyStrictSSL === false) connection.rejectUnauthorized = false;
  if (http.proxySupport === 'off') return connection;
  const fromEnv = connectionOptionsFromEnv(env);
  const proxy = http.proxy?.trim();
  if (proxy) {
    connection.httpsProxy = proxy;
    connection.httpProxy = proxy;
  } else {
    if (fromEnv.httpsProxy) connection.httpsProxy = fromEnv.httpsProxy;
    if (fromEnv.httpProxy) connection.httpProxy = fromEnv.httpProxy;
  }
  const noProxy = (http.noProxy ?? []).filter((entry) => typeof entry === 'string' && entry.trim()).map((entry) => entry.trim());
  if (noProxy.length > 0) connection.noProxy = noProxy.join(',');
  else if (fromEnv.noProxy) connection.noProxy = fromEnv.noProxy;
  const authorization = typeof http.proxyAuthorization === 'string' ? http.proxyAuthorization.trim() : '';
  if (authorization) connection.proxyAuthorization = authorization;
  return connection;
}

/**
 * The settings from the user's (or remote machine's) settings only, like the API base URL: they decide where the
 * token goes and whether certificates are checked, so an opened folder's `.vscode/settings.json` cannot change them.
 */
export function readVscodeHttpSettings(config: Pick<WorkspaceConfiguration, 'inspect'>): VscodeHttpSettings {
  const user = <T>(key: string): T | undefined => {
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  return {
    proxy: user<string>('proxy'),
    noProxy: user<string[]>('noProxy'),
    proxyStrictSSL: user<boolean>('proxyStrictSSL'),
    proxyAuthorization: user<string | null>('proxyAuthorization'),
    proxySupport: user<string>('proxySupport'),
  };
}
