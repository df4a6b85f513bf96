// Table labels for the scenarios, with the sizes their fixtures really had.

function mb(value: number): string {
  return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${Math.round(value / 1e3)} KB`;
}

function count(value: number | undefined): string {
  return (value ?? 0).toLocaleString('en-US');
}

/** What a scenario is, in a table cell. */
export function scenarioLabel(id: string, facts: Record<string, number>): string {
  const body = mb(facts.bodyBytes ?? 0);
  const chunk = facts.chunkBytes === 1024 ? '1 KiB' : `${count(facts.chunkBytes)} B`;
  if (id.startsWith('A-stream')) {
    return `A: ${body} SSE, ${count(facts.deltas)} text_delta, ${chunk} chunks, \`stream().finalMessage()\``;
  }
  if (id.startsWith('A-create')) return `A: the same through \`create({ stream: true })\`, iterated, ${chunk} chunks`;
  if (id.startsWith('B1')) return `B1: ${mb(facts.jsonChars ?? 0)} tool input in ${count(facts.deltas)} input_json_delta, no listener`;
  if (id.startsWith('B2')) return `B2: ${mb(facts.jsonChars ?? 0)} tool input, ${count(facts.deltas)} deltas, \`inputJson\` listener (limit: no listener)`;
  if (id === 'C-create-unvalidated') return `C: the same with Parley's request validation off (\`validate: false\`)`;
  if (id.startsWith('E')) return `E: ${mb(facts.jsonChars ?? 0)} structured output in ${count(facts.deltas)} text_delta, \`parsedOutput\` listener (others: no partials)`;
  if (id.startsWith('F')) return `F: \`batches.results()\`, ${count(facts.results)} JSON lines, ${body}, 64 KiB chunks`;
  if (id.startsWith('C')) return `C: ${count(facts.calls)} sequential \`create()\` calls, ${count(facts.bodyBytes)} B reply (per call)`;
  return id;
}
