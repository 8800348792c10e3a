// undici's Agent, proxy agent and errors without the rest of the package (fetch, WebSocket, mocks, caches): the
// package entry would add a large part of the extension bundle for code this project never calls. The deep paths are
// pinned by the exact undici version in package.json; the package entry does the same prototype assignment.
import type { Agent as AgentType, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType, errors as ErrorsType } from 'undici';

const AgentClass: typeof AgentType = require('undici/lib/dispatcher/agent');
const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgentType = require('undici/lib/dispatcher/env-http-proxy-agent');
const DispatcherClass: { prototype: Dispatcher } = require('undici/lib/dispatcher/dispatcher');
// Of undici's request APIs (undici/lib/api), the two that run here: `request` for every call to Notion and `connect`,
// with which the proxy agent opens its CONNECT tunnel; stream, pipeline and upgrade stay out of the bundles.
const requestApi: Partial<Dispatcher> = { request: require('undici/lib/api/api-request'), connect: require('undici/lib/api/api-connect') };
export const undiciErrors: typeof ErrorsType = require('undici/lib/core/errors');

Object.assign(DispatcherClass.prototype, requestApi);

export const Agent = AgentClass;
export const EnvHttpProxyAgent = EnvHttpProxyAgentClass;
export type { Dispatcher };
