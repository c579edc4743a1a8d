// OpenTelemetry traces, off unless an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). The gateway reports its plan and fetch spans (gateway.plan,
// gateway.fetch; gateway/execution/); http.ts adds a server span per request and the gateway's subgraph
// fetcher passes the trace context on (W3C traceparent), so one trace spans gateway and subgraphs.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import type { Env } from './env.js';

export const tracer = trace.getTracer('kommunegraf');

// Until startTracing registers an SDK, spans and propagation would be no-ops that still allocate a
// context and a span per request, so both are skipped.
let registered = false;

export function tracingEnabled(env: Env = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/** Registers the SDK once per process; returns a shutdown that flushes pending spans. */
export async function startTracing(serviceName: string, env: Env = process.env): Promise<() => Promise<void>> {
  if (!tracingEnabled(env)) return async () => undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registered = true;
  return async () => {
    registered = false;
    await provider.shutdown();
  };
}

/** The caller's trace context, from its traceparent header. */
export function contextFromHeaders(headers: IncomingHttpHeaders): Context {
  return propagation.extract(context.active(), headers);
}

/** Writes the active trace context into outgoing headers. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (!registered) return;
  propagation.inject(context.active(), headers);
}

/** Runs `fn` in a server span continuing the caller's trace. */
export function inServerSpan<T>(name: string, headers: IncomingHttpHeaders, fn: () => Promise<T>): Promise<T> {
  if (!registered) return fn();
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, contextFromHeaders(headers), (span) => ended(span, fn));
}

/** Runs `fn` in an internal span of the current trace (nothing is allocated while tracing is off). */
export function inSpan<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  if (!registered) return fn();
  return tracer.startActiveSpan(name, { attributes }, (span) => ended(span, fn));
}

/** `fn`'s result; the span marked failed if it throws, and ended either way. */
async function ended<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
