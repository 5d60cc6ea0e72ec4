/**
 * The resource provider protocol (pulumirpc.ResourceProvider) for the simulated providers, served with the gRPC
 * stubs @pulumi/pulumi ships. Not `@pulumi/pulumi/provider`'s `main`: that server is made for dynamic providers
 * and drops what a bridged provider answers with (Configure's provider config, Diff's detailed diff and
 * ignoreChanges, the old inputs, Check's random seed, Read's inputs), which is exactly what the engine decides on.
 *
 * Values cross as the engine's property values in JSON form: a secret is `{ <sig>: <secret sig>, value }`, an
 * unknown (preview) is the SDK's unknown sentinel string.
 */
import * as grpc from "@grpc/grpc-js";
import type { PropertyDiff } from "../lifecycle";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const plugproto = require("@pulumi/pulumi/proto/plugin_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const anyproto = require("google-protobuf/google/protobuf/any_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

export type Props = Record<string, unknown>;

export interface CheckFailure { property: string; reason: string }

export interface DiffAnswer {
    changes: PropertyDiff[];
    deleteBeforeReplace: boolean;
}

/** What one simulated provider does; the server turns it into the protocol. */
export interface SimProvider {
    readonly version: string;
    checkConfig(urn: string, news: Props): CheckFailure[];
    configure(urn: string, config: Props): void;
    check(urn: string, olds: Props, news: Props, randomSeed: Buffer): { inputs: Props; failures: CheckFailure[] };
    diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props, ignoreChanges: string[]): DiffAnswer;
    create(urn: string, inputs: Props, preview: boolean): { id: string; outputs: Props };
    read(urn: string, id: string, state: Props, inputs: Props): { id: string; outputs: Props; inputs: Props } | undefined;
    update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props, ignoreChanges: string[], preview: boolean): Props;
    delete(urn: string, id: string, state: Props): void;
    invoke(token: string, args: Props): Props;
}

/**
 * A failure the engine shows as the provider's error for the resource. With `partial`, the resource exists as
 * described (an update AWS applied in part): the engine stores that state with the error
 * (pulumirpc.ErrorResourceInitFailed), as pulumi-terraform-bridge does for a partially applied update.
 */
export class ProviderError extends Error {
    constructor(message: string, readonly partial?: { id: string; outputs: Props }) {
        super(message);
    }
}

const KIND: Record<string, [number, number]> = {
    // [in place, replacing]: pulumirpc.PropertyDiff.Kind
    add: [0, 1],
    delete: [2, 3],
    update: [4, 5],
};

function toStruct(v: Props): unknown {
    return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(v ?? {})));
}

function fromStruct(s: { toJavaScript(): Props } | undefined): Props {
    return s ? s.toJavaScript() : {};
}

/** A request of the generated protobuf classes (their getters are not typed here). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = any;
type Handler = (call: { request: Request }, callback: (err: unknown, res?: unknown) => void) => void;

/** Wraps a synchronous handler: a thrown error becomes the gRPC error the engine reports for the resource. */
function unary(fn: (req: Request) => unknown): Handler {
    return (call, callback) => {
        let res: unknown;
        try {
            res = fn(call.request);
        } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            if (!(err instanceof ProviderError) && process.env["EC2_SERVER_SIM_DEBUG"]) {
                process.stderr.write(`${(err as Error).stack}\n`);
            }
            const metadata = new grpc.Metadata();
            if (err instanceof ProviderError && err.partial) {
                const detail = new provproto.ErrorResourceInitFailed();
                detail.setId(err.partial.id);
                detail.setProperties(toStruct(err.partial.outputs));
                detail.setReasonsList([message]);
                const any = new anyproto.Any();
                any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
                const status = new statusproto.Status();
                status.setCode(grpc.status.UNKNOWN);
                status.setMessage(message);
                status.addDetails(any);
                metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
            }
            callback({ code: grpc.status.UNKNOWN, details: message, message, metadata });
            return;
        }
        callback(null, res);
    };
}

function failuresOf(list: CheckFailure[]): unknown[] {
    return list.map(f => {
        const failure = new provproto.CheckFailure();
        failure.setProperty(f.property);
        failure.setReason(f.reason);
        return failure;
    });
}

export function serve(provider: SimProvider): void {
    const service = {
        getPluginInfo: unary(() => {
            const info = new plugproto.PluginInfo();
            info.setVersion(provider.version);
            return info;
        }),
        getSchema: unary(() => {
            const res = new provproto.GetSchemaResponse();
            res.setSchema("{}");
            return res;
        }),
        attach: unary(() => new emptyproto.Empty()),
        cancel: unary(() => new emptyproto.Empty()),
        checkConfig: unary(req => {
            const news = fromStruct(req.getNews());
            const res = new provproto.CheckResponse();
            res.setInputs(toStruct(news));
            res.setFailuresList(failuresOf(provider.checkConfig(req.getUrn(), news)));
            return res;
        }),
        diffConfig: unary(req => {
            const olds = fromStruct(req.getOldInputs() ?? req.getOlds());
            const news = fromStruct(req.getNews());
            const res = new provproto.DiffResponse();
            const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(k => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
            res.setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
            res.setDiffsList(changed);
            return res;
        }),
        configure: unary(req => {
            const args = fromStruct(req.getArgs());
            // Older engines send only `variables` ("aws:config:region" → value).
            for (const [k, v] of req.getVariablesMap().entries()) {
                const key = String(k).split(":").pop()!;
                if (args[key] === undefined) {
                    args[key] = v;
                }
            }
            provider.configure(req.getUrn(), args);
            const res = new provproto.ConfigureResponse();
            res.setAcceptsecrets(true);
            res.setSupportspreview(true);
            res.setAcceptresources(false);
            res.setAcceptoutputs(false);
            return res;
        }),
        check: unary(req => {
            const { inputs, failures } = provider.check(req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()), Buffer.from(req.getRandomseed_asU8()));
            const res = new provproto.CheckResponse();
            res.setInputs(toStruct(inputs));
            res.setFailuresList(failuresOf(failures));
            return res;
        }),
        diff: unary(req => {
            const answer = provider.diff(req.getUrn(), req.getId(), fromStruct(req.getOlds()), fromStruct(req.getNews()), fromStruct(req.getOldInputs()), req.getIgnorechangesList());
            const res = new provproto.DiffResponse();
            const replaces = [...new Set(answer.changes.filter(c => c.replaces).map(c => c.path.split(/[.[]/)[0]))];
            const diffs = [...new Set(answer.changes.map(c => c.path.split(/[.[]/)[0]))];
            res.setChanges(answer.changes.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
            res.setReplacesList(replaces);
            res.setDiffsList(diffs);
            res.setDeletebeforereplace(replaces.length > 0 && answer.deleteBeforeReplace);
            res.setHasdetaileddiff(true);
            const detailed = res.getDetaileddiffMap();
            for (const c of answer.changes) {
                const d = new provproto.PropertyDiff();
                d.setKind(KIND[c.kind][c.replaces ? 1 : 0]);
                d.setInputdiff(true);
                detailed.set(c.path, d);
            }
            return res;
        }),
        create: unary(req => {
            const { id, outputs } = provider.create(req.getUrn(), fromStruct(req.getProperties()), req.getPreview());
            const res = new provproto.CreateResponse();
            res.setId(id);
            res.setProperties(toStruct(outputs));
            return res;
        }),
        read: unary(req => {
            const found = provider.read(req.getUrn(), req.getId(), fromStruct(req.getProperties()), fromStruct(req.getInputs()));
            const res = new provproto.ReadResponse();
            // An empty id: the resource no longer exists, and the engine drops it from the state.
            res.setId(found?.id ?? "");
            if (found) {
                res.setProperties(toStruct(found.outputs));
                res.setInputs(toStruct(found.inputs));
            }
            return res;
        }),
        update: unary(req => {
            const outputs = provider.update(req.getUrn(), req.getId(), fromStruct(req.getOlds()), fromStruct(req.getNews()), fromStruct(req.getOldInputs()), req.getIgnorechangesList(), req.getPreview());
            const res = new provproto.UpdateResponse();
            res.setProperties(toStruct(outputs));
            return res;
        }),
        delete: unary(req => {
            provider.delete(req.getUrn(), req.getId(), fromStruct(req.getProperties()));
            return new emptyproto.Empty();
        }),
        invoke: unary(req => {
            const res = new provproto.InvokeResponse();
            res.setReturn(toStruct(provider.invoke(req.getTok(), fromStruct(req.getArgs()))));
            return res;
        }),
    };
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024, "grpc.max_send_message_length": 400 * 1024 * 1024 });
    server.addService(provrpc.ResourceProviderService, service as never);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) {
            process.stderr.write(`simulated provider: could not start its gRPC server: ${err.message}\n`);
            process.exit(1);
        }
        // The engine reads the port from the first line of stdout.
        process.stdout.write(`${port}\n`);
    });
}
