/**
 * Every place the offline engine reaches past the Pulumi SDK's public API, in one module, each with the guard that
 * fails loudly when the SDK changes under it. The package pins @pulumi/pulumi exactly (package.json), so an upgrade
 * is a deliberate change that runs these guards: at runtime (a missing function or constant throws naming the shim)
 * and in tests/offline/sdk-shims.spec.ts (sha256 pins of the SDK code a shim mirrors) and
 * tests/offline/lazy-closure.spec.ts. A real `pulumi up` or `pulumi preview` loads none of this.
 *
 * 1. The function serializer, deferred: offline/lazy-closure.js (below; plain JavaScript, because mocha and the packs
 *    the tools start require it with `-r`/NODE_OPTIONS before any TypeScript loader exists).
 * 2. The SDK's promise debugging without its stack traces (skipSdkPromiseStackTraces).
 * 3. Resources registered without their source positions (skipSdkSourcePositions).
 * 4. The mock monitor installed as `pulumi.runtime.setMocks` installs it, with the engine's URNs (installMockMonitor,
 *    useEngineUrns).
 * 5. The secret signature: the SDK's own exported constants (secretSignature), never copies of them.
 *
 * Everything the SDK provides is loaded at first use, not when this module loads: the plan file's reader, plan:diff
 * and policy:check use the secret signature without loading the SDK until a secret is met.
 */
import * as path from "node:path";

// 1. First, before anything loads the SDK: its function serializer (which loads TypeScript and @npmcli/arborist)
// loads only if something calls it. offline/lazy-closure.js explains what it does and why; mocha (.mocharc.json) and
// the packs the tools start (offline/policy/pack.ts packEnv) require it themselves, earlier than this module could.
require("./lazy-closure.js");

/** offline/lazy-closure.js, for the processes the engine starts (`NODE_OPTIONS=--require <this>`). */
export const LAZY_CLOSURE = path.join(__dirname, "lazy-closure.js");

/** Fails loudly: the SDK no longer has what a shim relies on. */
function sdkChanged(shim: string, what: string): never {
    throw new Error(`offline/sdk-shims.ts (${shim}): @pulumi/pulumi ${what}; the installed SDK changed under this shim, re-check it against the SDK's source`);
}

// ---------------------------------------------------------------------------------------------------------------
// Internal SDK modules (present at runtime; the same ones `pulumi.runtime.setMocks` uses).

interface SdkSettings {
    setMockOptions(monitor: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): void;
    waitForRPCs(): Promise<void>;
}
interface SdkState { getStore(): Record<string, unknown> }
interface SdkDebuggable {
    debugPromiseLeaks: boolean;
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}

let settingsModule: SdkSettings | undefined;
/** `@pulumi/pulumi/runtime/settings`: setMockOptions, waitForRPCs. */
export function sdkSettings(): SdkSettings {
    if (settingsModule === undefined) {
        const m = require("@pulumi/pulumi/runtime/settings") as Partial<SdkSettings>;
        if (typeof m.setMockOptions !== "function" || typeof m.waitForRPCs !== "function") {
            sdkChanged("installMockMonitor", "runtime/settings no longer has setMockOptions and waitForRPCs");
        }
        settingsModule = m as SdkSettings;
    }
    return settingsModule;
}

let stateModule: SdkState | undefined;
/** `@pulumi/pulumi/runtime/state`: the store the runtime keeps its flags and leak candidates in. */
export function sdkState(): SdkState {
    if (stateModule === undefined) {
        const m = require("@pulumi/pulumi/runtime/state") as Partial<SdkState>;
        if (typeof m.getStore !== "function") {
            sdkChanged("installMockMonitor", "runtime/state no longer has getStore");
        }
        stateModule = m as SdkState;
    }
    return stateModule;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The SDK's promise debugging.

/**
 * The SDK's `debuggablePromise` (`runtime/debuggable.js`, about 380,000 calls in the test suite, a thousand for one
 * server) does three things for every promise: it adds it to the store's `leakCandidates` until it settles, sets
 * `err.promise` on a rejection, and defines `_debugId`, `_debugCtx` and `_debugStackTrace` on it (the last one
 * `new Error().stack`). At exit the SDK reports, and fails on, every promise still pending; only with
 * PULUMI_DEBUG_PROMISE_LEAKS set does it print those three properties for each one (`leakedPromises`, the only
 * reader of `promiseDebugString`). Offline runs keep the leak candidates and `err.promise`, with the same promise
 * chain (`.then(...).catch(...)`, so nothing settles a tick earlier or later), and skip the properties nobody reads:
 * capturing every trace was once a fifth of the suite's CPU, and defining the properties and building an Error (with
 * `Error.stackTraceLimit` 0) for every promise was still about a fifth of a program run's CPU (dev, 100 runs in one
 * process, 5 times interleaved: 29-36 ms of CPU a run against 41-44 ms).
 *
 * The first call still goes through the SDK's own function: that is what schedules its exit-time report. With
 * PULUMI_DEBUG_PROMISE_LEAKS set, the SDK's function runs for every promise, with full traces.
 * Guards: tests/offline/sdk-shims.spec.ts pins the SDK code this mirrors (sha256), so an SDK upgrade that changes it
 * fails there; a runtime/debuggable without debuggablePromise fails here.
 */
let promiseTracesSkipped = false;
export function skipSdkPromiseStackTraces(): void {
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as Partial<SdkDebuggable>;
    if (typeof debuggable.debuggablePromise !== "function") {
        sdkChanged("skipSdkPromiseStackTraces", "runtime/debuggable no longer has debuggablePromise");
    }
    if (promiseTracesSkipped || debuggable.debugPromiseLeaks) {
        return;
    }
    promiseTracesSkipped = true;
    const state = sdkState();
    const original = debuggable.debuggablePromise;
    let first = true;
    debuggable.debuggablePromise = function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
        if (first) {
            first = false;
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                return original(p, ctx);
            } finally {
                Error.stackTraceLimit = limit;
            }
        }
        const leakCandidates = (state.getStore() as { leakCandidates: Set<Promise<unknown>> }).leakCandidates;
        leakCandidates.add(p);
        return p
            .then(val => {
                leakCandidates.delete(p);
                return val;
            })
            .catch((err: { promise?: unknown }) => {
                leakCandidates.delete(p);
                err.promise = p;
                throw err;
            });
    };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Source positions.

/**
 * For every resource, the SDK's constructor walks the whole stack (`Resource.stackTrace`: `Error.stackTraceLimit`
 * set to Infinity, each frame source-mapped) to send where the program declared it: `sourcePosition` and
 * `stackTrace` in the RegisterResource request, which the engine keeps for the Pulumi Cloud console. Offline,
 * nothing reads them, and that walk was about a tenth of a program's evaluation. Offline runs send none; a real
 * `pulumi up` never loads this file.
 * Guards: a `Resource` without its static `stackTrace` fails here; tests/offline/sdk-shims.spec.ts counts the SDK's
 * stack walks (none) while resources register.
 */
let sourcePositionsSkipped = false;
export function skipSdkSourcePositions(): void {
    if (sourcePositionsSkipped) {
        return;
    }
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const resource = pulumi.Resource as unknown as { stackTrace?: (skip: number) => unknown[] };
    if (typeof resource.stackTrace !== "function") {
        sdkChanged("skipSdkSourcePositions", "Resource has no static stackTrace");
    }
    sourcePositionsSkipped = true;
    resource.stackTrace = () => [];
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The mock monitor.

/**
 * Installs a mock monitor the way `pulumi.runtime.setMocks` installs the stock one (runtime/settings setMockOptions),
 * keeping the feature flags it sets in the runtime's store (secrets, resource references, …).
 */
export function installMockMonitor(monitor: unknown, project: string, stack: string, preview: boolean, organization?: string): void {
    sdkSettings().setMockOptions(monitor, project, stack, preview, organization);
    Object.assign(sdkState().getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsReplaceWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: true,
        supportsInvokeTransforms: true,
        supportsParameterization: true,
        supportsResourceHooks: true,
        supportsErrorHooks: true,
        supportsInvokeDependsOn: false,
    });
}

/**
 * Makes a MockMonitor build URNs with `newUrn`: the base class (runtime/mocks MockMonitor) declares its `newUrn`
 * private, so it is replaced on the instance. Guard: a MockMonitor without that method fails here.
 */
export function useEngineUrns(monitor: object, newUrn: (parent: string, type: string, name: string) => string): void {
    const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: { prototype: Record<string, unknown> } };
    if (typeof MockMonitor.prototype["newUrn"] !== "function") {
        sdkChanged("useEngineUrns", "runtime/mocks MockMonitor no longer builds URNs with newUrn");
    }
    (monitor as { newUrn: typeof newUrn }).newUrn = newUrn;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. The secret signature.

let signature: { key: string; secret: string } | undefined;

/**
 * The SDK's marker of a secret, on the wire and in a stack's state: `{ [key]: secret, value }` (or `ciphertext` /
 * `plaintext` in a state file). The SDK exports it as `specialSigKey` and `specialSecretSig` (runtime/rpc, also
 * `pulumi.runtime.specialSigKey`); runtime/rpc is loaded at the first call. Guard: an SDK that stops exporting them
 * fails here.
 */
export function secretSignature(): { key: string; secret: string } {
    if (signature === undefined) {
        const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey?: unknown; specialSecretSig?: unknown };
        if (typeof rpc.specialSigKey !== "string" || typeof rpc.specialSecretSig !== "string") {
            sdkChanged("secretSignature", "runtime/rpc no longer exports specialSigKey and specialSecretSig");
        }
        signature = { key: rpc.specialSigKey, secret: rpc.specialSecretSig };
    }
    return signature;
}

/** True for an object that carries the SDK's signature key (a secret, or another of the SDK's special values). */
export function hasSdkSignature(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[secretSignature().key] !== undefined;
}

/** True for a secret as the SDK marks it, on the wire (`value`) or in a state (`ciphertext`, `plaintext`). */
export function isSdkSecret(v: unknown): v is Record<string, unknown> {
    const { key, secret } = secretSignature();
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[key] === secret;
}

/** A value as the SDK sends a secret over the wire. */
export function wireSecret(value: unknown): Record<string, unknown> {
    const { key, secret } = secretSignature();
    return { [key]: secret, value };
}
