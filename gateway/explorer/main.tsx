// Monaco looks its workers up through a global; this must run before any editor mounts.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './style.css';

import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher, type FetcherParams } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { Kind, parse } from 'graphql';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ResultViews } from './results/ResultViews.js';

const DEFAULT_QUERY = 'query Units {\n  orgUnits(first: 5) {\n    nodes {\n      name\n      unitType { name }\n    }\n  }\n}';
const TOKEN_KEY = 'kommunegraf.explorer.token';
// Refetching the schema on every keystroke would flood the gateway with introspection.
const SCHEMA_REFRESH_DELAY_MS = 600;

// The server fills this in relative to the page, so the explorer keeps working behind a path prefix.
const endpoint = new URL(
  document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content || '/graphql',
  window.location.href,
).href;

const explorer = explorerPlugin();

function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled by policy; the token then lives only as long as the page.
  }
}

/**
 * GraphiQL takes the query from the editor at run time but the operation name from state it updates
 * 100 ms after the last edit, so pasting a query and running it at once sends the previous name and
 * fails with "Unknown operation named ...". A single-operation document can only mean that operation.
 */
function reconcileOperationName(params: FetcherParams): FetcherParams {
  if (!params.operationName) return params;
  let names: (string | undefined)[];
  try {
    names = parse(params.query)
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => d.name?.value);
  } catch {
    // The server reports syntax errors better than anything we could say here.
    return params;
  }
  if (names.includes(params.operationName) || names.length !== 1) return params;
  return { ...params, operationName: names[0] ?? null };
}

function createFetcher(getToken: () => string): Fetcher {
  const fetcher = createGraphiQLFetcher({
    url: endpoint,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      // Apollo Server's CSRF prevention rejects simple requests without it.
      headers.set('apollo-require-preflight', 'true');
      // Tokens copied from another client's header often keep their scheme.
      const token = getToken().trim().replace(/^bearer\s+/i, '');
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
  return (params, opts) => fetcher(reconcileOperationName(params), opts);
}

function App() {
  const [token, setToken] = useState(readToken);
  const tokenRef = useRef(token);
  tokenRef.current = token;

  // Requests read the token at send time, so a run right after typing already carries it;
  // the fetcher identity only changes (and GraphiQL refetches the schema) once typing pauses.
  const [schemaToken, setSchemaToken] = useState(token);
  useEffect(() => {
    const timer = setTimeout(() => setSchemaToken(token), SCHEMA_REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [token]);
  const fetcher = useMemo(() => createFetcher(() => tokenRef.current), [schemaToken]);

  const update = (value: string) => {
    setToken(value);
    writeToken(value);
  };

  return (
    <div className="kg-app">
      <div className="kg-bar">
        <strong>kommunegraf explorer</strong>
        <label>
          Token
          <input
            type="password"
            name="token"
            placeholder="Bearer token (kept for this browser tab only)"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e: { currentTarget: HTMLInputElement }) => update(e.currentTarget.value)}
          />
        </label>
        {token ? (
          <button type="button" onClick={() => update('')}>
            Clear
          </button>
        ) : null}
      </div>
      <div className="kg-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} plugins={[explorer]} visiblePlugin={explorer}>
          <GraphiQL.Logo>kommunegraf</GraphiQL.Logo>
          <GraphiQL.Footer>
            <ResultViews />
          </GraphiQL.Footer>
        </GraphiQL>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
