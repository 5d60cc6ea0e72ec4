// offline/paths.ts: property paths in Pulumi's ignoreChanges / replaceOnChanges syntax.
import * as assert from "node:assert/strict";
import { formatPath, getPath, parsePath, pathsOverlap, patternCovers, setPath } from "../../offline/paths";

describe("offline/paths", () => {
    it("parses and formats keys, indexes, quoted keys and wildcards", () => {
        assert.deepEqual(parsePath('a.b[0]["c.d"][*].e'), ["a", "b", 0, "c.d", "*", "e"]);
        assert.equal(formatPath(["a", "b", 0, "c.d", "*", "e"]), 'a.b[0]["c.d"][*].e');
        assert.throws(() => parsePath("a[0"), { message: "unterminated [ in path a[0" });
        assert.throws(() => parsePath("a[x]"), { message: "bad index [x] in path a[x]" });
    });

    it("matches patterns and overlaps, reads with wildcards and writes through missing parents", () => {
        assert.equal(patternCovers(parsePath("tags"), parsePath("tags.Name")), true);
        assert.equal(patternCovers(parsePath("tags.Name"), parsePath("tags")), false);
        assert.equal(pathsOverlap(parsePath("list[*].x"), parsePath("list[2]")), true);
        assert.deepEqual(getPath({ list: [{ x: 1 }, { x: 2 }] }, parsePath("list[*].x")), [1, 2]);
        const target: Record<string, unknown> = {};
        setPath(target, ["a", 0, "b"], 1);
        assert.deepEqual(target, { a: [{ b: 1 }] });
        setPath(target, ["a", 0, "b"], undefined);
        assert.deepEqual(target, { a: [{}] });
    });
});
