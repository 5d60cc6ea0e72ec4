import * as assert from "node:assert/strict";
import { ConfigError, parseConfig, RawConfig } from "../../config";

/** A bad config and the exact errors it must produce (all at once, nothing else). */
export interface BadCase {
    name: string;
    raw: RawConfig;
    errors: string[];
}

/** The errors parseConfig reports for `raw` (none when it parses). */
export function errorsOf(raw: RawConfig, secretKeys?: Set<string>): string[] {
    try {
        parseConfig(raw, secretKeys);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err.errors;
    }
    return [];
}

/** One test per case: parseConfig reports exactly the case's errors. */
export function rejectsEach(cases: BadCase[]): void {
    for (const c of cases) {
        it(`rejects: ${c.name}`, () => {
            assert.deepEqual(errorsOf(c.raw), c.errors);
        });
    }
}
