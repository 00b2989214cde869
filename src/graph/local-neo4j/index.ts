/**
 * The project's own local Neo4j: a real Neo4j 5.26 community server, embedded in a small JVM
 * launcher (graph/neo4j/Launcher.java) whose jars Maven fetches from graph/neo4j/pom.xml.
 *
 *   install.ts  jars and launcher          process.ts  the JVM: launch, stop, ports
 *   state.ts    files kept between runs    server.ts   start or reuse, find, stop, status
 *
 * Everything lives under `.neo4j/` at the project root (git-ignored):
 *   classpath.txt  jar classpath written by mvn     classes/     compiled Launcher
 *   password       generated once, mode 0600        server.json  state of the detached server
 *   data/          Neo4j home of the user's graph (data/ and logs/ inside it; logs/neo4j.log is
 *                  the server's console log)
 *   data.pid       pid of the process using data/ (see claimDataDir); test dirs get the same
 *   data/bolt-port the Bolt port this data dir answers on, kept so that a saved connection
 *                  (Neo4j Browser, Desktop, cypher-shell) finds the same graph at every start
 *
 * Secrets: the password goes to the JVM through its environment (argv is world-readable via
 * ps) and is never printed, logged, or put in an error message by these modules.
 */
export { installLocalNeo4j, localNeo4jInstalled } from './install.ts';
export { DEFAULT_DATA_DIR, NEO4J_STATE_DIR, PROJECT_ROOT, type Log } from './paths.ts';
export { DEFAULT_BOLT_PORT, firstFreePort, portIsFree, type LocalNeo4j, type LocalNeo4jCredentials } from './process.ts';
export { connectionRecipe, findRunningLocalNeo4j, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j, type LocalNeo4jStatus, type StartOptions } from './server.ts';
export { DataDirInUseError, localNeo4jPassword, readKeptPort } from './state.ts';
