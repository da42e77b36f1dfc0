// GitHub's workflow parser (ctx.inspectFile, lab 28; tests/deploy) imports its JSON schema without
// `with { type: 'json' }`, which bundlers accept and Node refuses: give that one import the
// attribute Node wants. Import this module before the parser loads (Node side only).
import { registerHooks } from 'node:module';

registerHooks({
  load(url, context, nextLoad) {
    const needsJson = url.includes('/@actions/workflow-parser/') && url.endsWith('.json') && context.importAttributes.type === undefined;
    return nextLoad(url, needsJson ? { ...context, importAttributes: { ...context.importAttributes, type: 'json' } } : context);
  },
});
