/**
 * Property paths in Pulumi's ignoreChanges / replaceOnChanges syntax (`a.b`, `list[*].field`, `map["key"]`): parsing,
 * formatting, matching, reading and writing. The force-new table, the diff, ignoreChanges and plan:diff use them.
 */

/** A parsed path: object keys (string) and list indexes (number); "*" matches any one segment. */
export type PathSegment = string | number;

/** Parses `a.b[0]["c.d"][*].e` into segments. Throws on malformed input. */
export function parsePath(path: string): PathSegment[] {
    const out: PathSegment[] = [];
    let i = 0;
    const n = path.length;
    let expectKey = true;
    while (i < n) {
        const c = path[i];
        if (c === "[") {
            const close = path.indexOf("]", i);
            if (close < 0) throw new Error(`unterminated [ in path ${path}`);
            const inner = path.slice(i + 1, close);
            if (inner === "*") out.push("*");
            else if (/^\d+$/.test(inner)) out.push(Number(inner));
            else if (/^".*"$/s.test(inner)) out.push(JSON.parse(inner) as string);
            else throw new Error(`bad index [${inner}] in path ${path}`);
            i = close + 1;
            expectKey = false;
        } else if (c === ".") {
            i++;
            expectKey = true;
        } else {
            if (!expectKey) throw new Error(`missing . before ${path.slice(i)} in path ${path}`);
            let j = i;
            while (j < n && path[j] !== "." && path[j] !== "[") j++;
            out.push(path.slice(i, j));
            i = j;
            expectKey = false;
        }
    }
    return out;
}

/** Formats segments back into a path; keys that are not plain identifiers use ["key"]. */
export function formatPath(segments: PathSegment[]): string {
    let s = "";
    for (const seg of segments) {
        if (typeof seg === "number") s += `[${seg}]`;
        else if (seg === "*") s += s === "" ? "*" : "[*]";
        else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) s += s === "" ? seg : `.${seg}`;
        else s += `[${JSON.stringify(seg)}]`;
    }
    return s;
}

/** True when `pattern` covers `path`: equal, or a prefix of it ("*" matches any one segment). */
export function patternCovers(pattern: PathSegment[], path: PathSegment[]): boolean {
    if (pattern.length === 1 && pattern[0] === "*") return true;
    if (pattern.length > path.length) return false;
    return pattern.every((p, i) => p === "*" || p === path[i]);
}

/** True when either path is a prefix of the other (used for "does this change touch that property"). */
export function pathsOverlap(a: PathSegment[], b: PathSegment[]): boolean {
    const len = Math.min(a.length, b.length);
    for (let i = 0; i < len; i++) {
        if (a[i] !== "*" && b[i] !== "*" && a[i] !== b[i]) return false;
    }
    return true;
}

/** Reads a path, projecting `*` over list elements (and object values). */
export function getPath(value: unknown, segments: PathSegment[]): unknown {
    if (segments.length === 0) return value;
    const [head, ...rest] = segments;
    if (value === undefined || value === null) return undefined;
    if (head === "*") {
        if (Array.isArray(value)) return value.map((v) => getPath(v, rest));
        if (typeof value === "object") return Object.values(value as Record<string, unknown>).map((v) => getPath(v, rest));
        return undefined;
    }
    if (typeof head === "number") return Array.isArray(value) ? getPath(value[head], rest) : undefined;
    if (typeof value !== "object" || Array.isArray(value)) return undefined;
    return getPath((value as Record<string, unknown>)[head], rest);
}

/** Writes `value` at a path (no `*`), creating objects and lists on the way; undefined removes the member. */
export function setPath(target: Record<string, unknown>, segs: PathSegment[], value: unknown): void {
    let node: Record<string, unknown> | unknown[] = target;
    for (let i = 0; i < segs.length - 1; i++) {
        const seg = segs[i];
        const next = (node as Record<string | number, unknown>)[seg as string];
        if (next === undefined || next === null || typeof next !== "object") {
            (node as Record<string | number, unknown>)[seg as string] = typeof segs[i + 1] === "number" ? [] : {};
        }
        node = (node as Record<string | number, unknown>)[seg as string] as Record<string, unknown>;
    }
    const last = segs[segs.length - 1];
    if (value === undefined) {
        delete (node as Record<string | number, unknown>)[last as string];
    } else {
        (node as Record<string | number, unknown>)[last as string] = value;
    }
}

/**
 * A copy of a value with what is at each of the given paths replaced by `secret()`: the paths the engine records for
 * secret inputs (`userData`, `a.b`, `list[0]`; "" for the whole value: every member). A path that leads nowhere is
 * left out.
 */
export function replaceSecretPaths(value: Record<string, unknown>, paths: string[], secret: () => unknown): Record<string, unknown> {
    const copy = structuredClone(value);
    for (const p of paths) {
        if (p === "") {
            return Object.fromEntries(Object.keys(copy).map(k => [k, secret()]));
        }
        const parts = p.replace(/\[(\d+)\]/g, ".$1").split(".");
        let node: Record<string, unknown> | undefined = copy;
        for (const part of parts.slice(0, -1)) {
            node = node?.[part] as Record<string, unknown> | undefined;
        }
        const last = parts[parts.length - 1];
        if (node && typeof node === "object" && last in node) {
            node[last] = secret();
        }
    }
    return copy;
}
