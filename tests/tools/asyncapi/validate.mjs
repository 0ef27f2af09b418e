// Parse and validate an AsyncAPI document with the official parser; print the result as JSON.
import { Parser, fromFile } from '@asyncapi/parser';

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const errors = diagnostics.filter((d) => d.severity === 0);
console.log(JSON.stringify({
  valid: Boolean(document) && errors.length === 0,
  errors: errors.map((d) => ({ code: d.code, message: d.message, path: d.path })),
  servers: document ? document.servers().all().map((s) => [s.id(), s.protocol()]) : [],
  operations: document ? document.operations().all().map((o) => ({
    id: o.id(),
    action: o.action(),
    channels: o.channels().all().map((c) => c.address()),
    messages: o.messages().all().map((m) => m.name()),
  })) : [],
}));
