// @ts-check
/**
 * A Node.js language host for the real Pulumi CLI: the `pulumi-language-nodejs` plugin the CLI starts to run a
 * `runtime: nodejs` program or a Node.js policy pack. The official one is a Go module of its own
 * (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) that the Go module proxy this project's
 * machines reach does not serve (403), so `npm run sim` puts this one on PATH instead.
 *
 * It does what the official host does where the engine can see it (pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go, read for the protocol, not copied):
 * - `Run` starts `node @pulumi/pulumi/cmd/run` from the program's own node_modules with the same arguments
 *   (--monitor, --engine, --project, --stack, --pwd, --organization, --root-directory, --dry-run, --parallel,
 *   the entry point) and environment (PULUMI_CONFIG with `<ns>:config:<key>` keys, PULUMI_CONFIG_SECRET_KEYS,
 *   PULUMI_NODEJS_TYPESCRIPT, PULUMI_NODEJS_TSCONFIG_PATH, nodeargs). Exit code 32 means the program already
 *   printed an actionable message: the run bails without another error. It talks to the engine's monitor
 *   directly: the official host's monitor proxy and sync pipes only serve the SDK's deprecated synchronous
 *   invokes, which this program does not use.
 * - `RunPlugin` starts a policy pack with `@pulumi/pulumi/cmd/run-policy-pack` in the pack's directory and streams
 *   its stdout (the port the engine reads) and stderr.
 * - `GetRequiredPackages` lists the resource plugins the program's node_modules declare (`"pulumi": {"resource":
 *   true}`), as the official host does, so the engine knows the aws and tls versions.
 * The official host's extras (package installation, debugging, code generation, `pulumi new` prompts) answer
 * "unimplemented".
 */
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const requireFromRoot = (/** @type {string} */ id) => require(require.resolve(id, { paths: [ROOT] }));
const grpc = requireFromRoot("@grpc/grpc-js");
const langrpc = requireFromRoot("@pulumi/pulumi/proto/language_grpc_pb");
const langproto = requireFromRoot("@pulumi/pulumi/proto/language_pb");
const plugproto = requireFromRoot("@pulumi/pulumi/proto/plugin_pb");
const emptyproto = requireFromRoot("google-protobuf/google/protobuf/empty_pb");

/** The exit code with which @pulumi/pulumi/cmd/run says it already showed the user an actionable message. */
const BAIL_EXIT_CODE = 32;
const SDK_VERSION = requireFromRoot("@pulumi/pulumi/package.json").version;

/** @type {Set<import("node:child_process").ChildProcess>} */
const children = new Set();

/** @param {any} info ProgramInfo */
function programOptions(info) {
    const options = info?.getOptions()?.toJavaScript() ?? {};
    return {
        typescript: options.typescript !== false,
        tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : "",
        nodeargs: typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [],
    };
}

/** Resolves a module from the program's directory, as the official host's locateModule does. */
function locate(/** @type {string} */ id, /** @type {string} */ dir) {
    return require.resolve(id, { paths: [dir] });
}

/** Resource plugins the program's dependencies declare, as `{ name, version }`. */
function resourcePackages(/** @type {string} */ dir) {
    /** @type {{ name: string, version: string, server?: string }[]} */
    const found = [];
    const seen = new Set();
    const visit = (/** @type {string} */ modules) => {
        let entries = [];
        try {
            entries = fs.readdirSync(modules, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            if (!e.isDirectory() && !e.isSymbolicLink()) {
                continue;
            }
            if (e.name.startsWith("@")) {
                visit(path.join(modules, e.name));
                continue;
            }
            let pkg;
            try {
                pkg = JSON.parse(fs.readFileSync(path.join(modules, e.name, "package.json"), "utf8"));
            } catch {
                continue;
            }
            if (pkg.pulumi?.resource === true) {
                const name = pkg.pulumi.name ?? String(pkg.name).replace(/^@pulumi\//, "");
                const version = pkg.pulumi.version ?? pkg.version;
                if (!seen.has(`${name}@${version}`)) {
                    seen.add(`${name}@${version}`);
                    found.push({ name, version, server: pkg.pulumi.server });
                }
            }
        }
    };
    visit(path.join(dir, "node_modules"));
    return found;
}

/**
 * The program's resource plugins as the engine's dependency messages (PluginDependency or PackageDependency: the same
 * fields).
 * @param {string} dir
 * @param {new () => any} Message
 */
function resourceDependencies(dir, Message) {
    return resourcePackages(dir).map(p => {
        const d = new Message();
        d.setName(p.name);
        d.setKind("resource");
        d.setVersion(p.version);
        d.setServer(p.server ?? "");
        return d;
    });
}

/** Pipes a child's output into a stream of RunPluginResponse messages. */
function streamOutput(/** @type {any} */ call, /** @type {import("node:child_process").ChildProcess} */ child) {
    for (const [stream, set] of /** @type {const} */ ([["stdout", "setStdout"], ["stderr", "setStderr"]])) {
        child[stream]?.on("data", (/** @type {Buffer} */ chunk) => {
            const msg = new langproto.RunPluginResponse();
            msg[set](chunk);
            call.write(msg);
        });
    }
}

const host = {
    /** @type {string | undefined} */
    engineAddress: process.argv.slice(2).find(a => !a.startsWith("-")),

    handshake(/** @type {any} */ call, /** @type {any} */ callback) {
        host.engineAddress = call.request.getEngineAddress() || host.engineAddress;
        callback(null, new langproto.LanguageHandshakeResponse());
    },

    getPluginInfo(/** @type {any} */ _call, /** @type {any} */ callback) {
        const info = new plugproto.PluginInfo();
        info.setVersion(SDK_VERSION);
        callback(null, info);
    },

    getRequiredPlugins(/** @type {any} */ call, /** @type {any} */ callback) {
        const dir = call.request.getInfo()?.getProgramDirectory() || call.request.getPwd();
        const res = new langproto.GetRequiredPluginsResponse();
        res.setPluginsList(resourceDependencies(dir, plugproto.PluginDependency));
        callback(null, res);
    },

    getRequiredPackages(/** @type {any} */ call, /** @type {any} */ callback) {
        const dir = call.request.getInfo()?.getProgramDirectory();
        const res = new langproto.GetRequiredPackagesResponse();
        res.setPackagesList(resourceDependencies(dir, plugproto.PackageDependency));
        callback(null, res);
    },

    getProgramDependencies(/** @type {any} */ call, /** @type {any} */ callback) {
        const dir = call.request.getInfo()?.getProgramDirectory() || call.request.getPwd();
        const res = new langproto.GetProgramDependenciesResponse();
        let deps = {};
        try {
            deps = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies ?? {};
        } catch {
            // no package.json: no dependencies to report
        }
        res.setDependenciesList(Object.entries(deps).map(([name, version]) => {
            const d = new langproto.DependencyInfo();
            d.setName(name);
            d.setVersion(String(version));
            return d;
        }));
        callback(null, res);
    },

    about(/** @type {any} */ _call, /** @type {any} */ callback) {
        const res = new langproto.AboutResponse();
        res.setExecutable(process.execPath);
        res.setVersion(process.version);
        callback(null, res);
    },

    /** Dependencies are installed with `npm ci`, never by the CLI here: nothing to stream. */
    installDependencies(/** @type {any} */ call) {
        call.end();
    },

    run(/** @type {any} */ call, /** @type {any} */ callback) {
        const req = call.request;
        const info = req.getInfo();
        const dir = info?.getProgramDirectory() || req.getPwd();
        const opts = programOptions(info);
        const reply = (/** @type {string} */ error, bail = false) => {
            const res = new langproto.RunResponse();
            res.setError(error);
            res.setBail(bail);
            callback(null, res);
        };
        let runPath;
        try {
            runPath = locate("@pulumi/pulumi/cmd/run", dir);
        } catch (err) {
            reply(`could not find @pulumi/pulumi/cmd/run from ${dir}: run \`npm ci\` first (${/** @type {Error} */ (err).message})`);
            return;
        }
        const args = [...opts.nodeargs, runPath];
        const flag = (/** @type {string} */ k, /** @type {string | undefined} */ v) => {
            if (v) {
                args.push(`--${k}`, v);
            }
        };
        flag("monitor", req.getMonitorAddress());
        flag("engine", host.engineAddress);
        flag("organization", req.getOrganization());
        flag("project", req.getProject());
        flag("root-directory", info?.getRootDirectory());
        flag("stack", req.getStack());
        flag("pwd", dir);
        if (req.getDryrun()) {
            args.push("--dry-run");
        }
        flag("parallel", String(req.getParallel()));
        args.push(info?.getEntryPoint() || req.getProgram() || ".", ...req.getArgsList());

        /** @type {Record<string, string>} */
        const config = {};
        for (const [key, value] of req.getConfigMap().entries()) {
            const i = key.indexOf(":");
            config[i < 0 ? key : `${key.slice(0, i)}:config:${key.slice(i + 1)}`] = value;
        }
        /** @type {NodeJS.ProcessEnv} */
        const env = {
            ...process.env,
            PULUMI_CONFIG: JSON.stringify(config),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
        };
        if (opts.typescript) {
            env.PULUMI_NODEJS_TYPESCRIPT = "true";
        }
        if (opts.tsconfig) {
            env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;
        }
        const child = spawn(process.execPath, args, { cwd: req.getPwd() || dir, env, stdio: ["ignore", "inherit", "inherit"] });
        children.add(child);
        child.on("error", err => {
            children.delete(child);
            reply(`Problem executing program (could not run language executor): ${err.message}`);
        });
        child.on("exit", (code, signal) => {
            children.delete(child);
            if (code === 0) {
                reply("");
            } else if (code === BAIL_EXIT_CODE) {
                reply("", true);
            } else {
                reply(signal ? `Program exited unexpectedly: ${signal}` : `Program exited with non-zero exit code: ${code}`);
            }
        });
    },

    runPlugin(/** @type {any} */ call) {
        const req = call.request;
        const info = req.getInfo();
        const dir = info?.getProgramDirectory() || req.getPwd();
        const opts = programOptions(info);
        const analyzer = req.getKind() === "analyzer";
        let runPath;
        try {
            runPath = locate(analyzer ? "@pulumi/pulumi/cmd/run-policy-pack" : "@pulumi/pulumi/cmd/run-plugin", dir);
        } catch (err) {
            call.destroy(/** @type {Error} */ (err));
            return;
        }
        // A policy pack takes its directory last; other plugins take it first.
        const args = analyzer
            ? [runPath, ...opts.nodeargs, ...req.getArgsList(), dir]
            : [runPath, ...opts.nodeargs, dir, ...req.getArgsList()];
        /** @type {NodeJS.ProcessEnv} */
        const env = {};
        for (const kv of req.getEnvList()) {
            const i = kv.indexOf("=");
            env[kv.slice(0, i)] = kv.slice(i + 1);
        }
        if (opts.typescript) {
            env.PULUMI_NODEJS_TYPESCRIPT = "true";
        }
        if (opts.tsconfig) {
            env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;
        }
        const child = spawn(process.execPath, args, { cwd: analyzer ? dir : req.getPwd() || dir, env, stdio: ["ignore", "pipe", "pipe"] });
        children.add(child);
        streamOutput(call, child);
        child.on("error", err => {
            children.delete(child);
            call.destroy(err);
        });
        child.on("exit", code => {
            children.delete(child);
            const msg = new langproto.RunPluginResponse();
            msg.setExitcode(code ?? 1);
            call.write(msg);
            call.end();
        });
        call.on("cancelled", () => child.kill("SIGINT"));
    },

    cancel(/** @type {any} */ _call, /** @type {any} */ callback) {
        for (const c of children) {
            c.kill("SIGINT");
        }
        callback(null, new emptyproto.Empty());
    },
};

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024, "grpc.max_send_message_length": 400 * 1024 * 1024 });
server.addService(langrpc.LanguageRuntimeService, host);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (/** @type {Error | null} */ err, /** @type {number} */ port) => {
    if (err) {
        process.stderr.write(`pulumi-language-nodejs: could not start its gRPC server: ${err.message}\n`);
        process.exit(1);
    }
    // The CLI reads the port from the first line of stdout.
    process.stdout.write(`${port}\n`);
});
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => {
        for (const c of children) {
            c.kill(signal);
        }
        process.exit(0);
    });
}
