/** For the rules suites: what validation says about a config given as parsed data (as a file's would be). */
import { ConfigError, resolveParsed } from "../src/config/load";
import { Issue } from "../src/config/schema-parts";

/** The problems of a config; fails the test when it is accepted. */
export function problems(given: unknown): Issue[] {
  try {
    resolveParsed(given, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(given)}`);
}

/** The warnings of an accepted config (a rejected one throws its ConfigError). */
export function warningsOf(given: unknown): Issue[] {
  return [...resolveParsed(given, "test.yaml").warnings];
}
