/**
 * What to do next, for the errors people actually meet. The message says what went wrong; the
 * hint says how to get going again. Messages that already carry their own advice get none.
 */
export function errorHint(err: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  const message = err instanceof Error ? err.message : String(err);
  const code = String((err as { code?: unknown })?.code ?? '');

  if (/^Invalid Neo4j settings in the environment/.test(message)) {
    return 'fix NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD, or unset NEO4J_URI to use the local Neo4j.';
  }
  if (/^Cannot connect to Neo4j/.test(message)) {
    if (/Unauthorized|authentication/i.test(message)) {
      return env.NEO4J_URI ? 'check NEO4J_USER and NEO4J_PASSWORD for that server.' : "the local password is in .neo4j/password; if it was changed, run 'oversight neo4j stop' and try again.";
    }
    return env.NEO4J_URI
      ? 'is that server running and reachable? Check NEO4J_URI, or unset it to use the local Neo4j.'
      : "the local Neo4j did not answer: run 'oversight neo4j status', or 'oversight neo4j stop' and try again.";
  }
  if (/Writing in read access mode not allowed|write.*read.?only|AccessMode/i.test(message) || code === 'Neo.ClientError.Statement.AccessMode') {
    return 'this Cypher changes the graph: add --write if that is what you want.';
  }
  if (code === 'Neo.ClientError.Statement.SyntaxError' || /Invalid input|SyntaxError/.test(message)) {
    return "check the Cypher; 'oversight query --list' shows the saved queries, graph/README.md the model.";
  }
  if (code === 'Neo.ClientError.Statement.ParameterMissing' || /Expected parameter\(s\)/.test(message)) {
    return "give each parameter with --param name=value; 'oversight query --list' shows what each saved query takes.";
  }
  if (/file or folder not found/.test(message)) {
    return 'check the path (relative paths are taken from the current folder).';
  }
  if (code === 'EACCES' || code === 'EROFS' || code === 'EISDIR') {
    return 'choose a path you can write to, e.g. --out out/report.html.';
  }
  return null;
}
