import { NotionNetworkError } from '../errors/errors';

/**
 * Node's (OpenSSL's) codes for a server certificate that cannot be trusted. Trying again gets the same certificate,
 * so these fail at once with what to do, instead of being retried as a network hiccup.
 */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'INVALID_CA', 'CERT_CHAIN_TOO_LONG', 'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE', 'CERT_SIGNATURE_FAILURE', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'CERT_REVOKED',
  'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const OUT_OF_DATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);

const TRUST_HINT = 'If a company proxy, VPN or antivirus inspects HTTPS, trust its CA certificate: for the CLI start it with '
  + 'NODE_EXTRA_CA_CERTS=<the CA\'s PEM file>; for VS Code start VS Code with that variable set, or (accepting any '
  + 'certificate, which exposes the token to whoever is in between) turn off the setting http.proxyStrictSSL.';

/**
 * The failures of a connection that say what is wrong better than "the connection failed": a certificate that is not
 * trusted, a proxy that refused the tunnel. Undefined for anything else. `proxy`: the proxy in use, without credentials;
 * `credentialsGiven`: whether a user name and password were sent to it (a 407 then means they are wrong).
 */
export function classifyConnectionFailure(error: unknown, origin: string, proxy: string | undefined, credentialsGiven = false): NotionNetworkError | undefined {
  const certificateCode = findInCauses(error, (item) => {
    const code = (item as { code?: unknown }).code;
    return typeof code === 'string' && CERTIFICATE_CODES.has(code) ? code : undefined;
  });
  const host = new URL(origin).host;
  if (certificateCode) {
    const what = WRONG_HOST.has(certificateCode)
      ? `is not made out for ${new URL(origin).hostname}`
      : OUT_OF_DATE.has(certificateCode) ? 'has expired or is not valid yet' : 'is not signed by a certificate authority this computer trusts';
    const through = proxy ? ` (through the proxy ${proxy})` : '';
    const hint = OUT_OF_DATE.has(certificateCode)
      ? `Check this computer's date and time; if they are right, whoever presents the certificate must renew it. ${TRUST_HINT}`
      : WRONG_HOST.has(certificateCode)
        ? `Check the API base URL; something answered in ${host}'s place. ${TRUST_HINT}`
        : TRUST_HINT;
    return new NotionNetworkError(`The TLS certificate presented for ${host}${through} ${what} (${certificateCode}).`, 'tls_certificate', {
      cause: error, retryable: false, hint,
    });
  }

  const proxyStatus = findInCauses(error, (item) => {
    const message = item instanceof Error ? item.message : '';
    const match = /Proxy response \((\d{3})\) !== 200|Proxy Authentication Required \((407)\)/.exec(message);
    return match ? Number(match[1] ?? match[2]) : undefined;
  });
  if (proxyStatus !== undefined) {
    const name = proxy ?? 'the proxy';
    // 407 asks for credentials; some proxies (tinyproxy) answer 401 to wrong ones.
    if (proxyStatus === 407 || proxyStatus === 401) {
      const why = proxyStatus === 401 ? 'it did not accept the credentials (401)'
        : credentialsGiven ? 'it refused the user name and password given (407 Proxy Authentication Required)'
          : 'it wants credentials (407 Proxy Authentication Required)';
      return new NotionNetworkError(`The proxy ${name} refused to connect to ${host}: ${why}.`, 'proxy_authentication', {
        cause: error, retryable: false,
        hint: credentialsGiven
          ? 'Check the user name and password in the proxy URL (HTTPS_PROXY=http://user:password@host:port; a character such as @ : / % in them '
            + 'must be percent-encoded) or, in VS Code, in http.proxy or http.proxyAuthorization; ask whoever runs the proxy if they are right.'
          : 'Give the proxy\'s user name and password in the proxy URL (HTTPS_PROXY=http://user:password@host:port) or, in VS Code, in '
            + 'http.proxy or http.proxyAuthorization; ask whoever runs the proxy if you do not know them.',
      });
    }
    return new NotionNetworkError(`The proxy ${name} refused to connect to ${host} (${proxyStatus}).`, 'proxy_refused', {
      cause: error, retryable: proxyStatus >= 500,
      hint: proxyStatus >= 500
        ? 'The proxy could not reach Notion; check the network behind the proxy, then retry.'
        : 'The proxy does not allow this connection; ask whoever runs it to allow HTTPS to the API host, or bypass it with NO_PROXY (VS Code: http.noProxy).',
    });
  }
  if (proxy) {
    const unreachable = findInCauses(error, (item) => {
      const { code, port } = item as { code?: unknown; port?: unknown };
      return typeof code === 'string' && UNREACHABLE_CODES.has(code) && (port === undefined || String(port) === proxyPort(proxy)) ? code : undefined;
    });
    if (unreachable) {
      return new NotionNetworkError(`Could not reach the proxy ${proxy} (${unreachable}).`, 'proxy_unreachable', {
        cause: error,
        hint: 'Check the proxy address (HTTPS_PROXY, or http.proxy in VS Code) and that the proxy is running; NO_PROXY (http.noProxy) names hosts to reach directly.',
      });
    }
  }
  return undefined;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function proxyPort(proxy: string): string {
  const url = new URL(proxy);
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function findInCauses<T>(error: unknown, test: (item: unknown) => T | undefined): T | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const found = test(current);
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
