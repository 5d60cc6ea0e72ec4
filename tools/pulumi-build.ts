/**
 * `npm run pulumi:build`: builds the Pulumi CLI this project tests with, from its Go module
 * (github.com/pulumi/pulumi/pkg/v3, through the Go module proxy), at the version of @pulumi/pulumi in
 * package.json, into a cache outside the clone (pulumiBuildDir). It prints the directory to put on PATH. A build
 * of the same version is reused. tools/pulumi-build/go.mod and go.sum pin every module the CLI is built from.
 *
 * Users install the official CLI as they always do; this is for machines that have Go and no Pulumi download.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBuildDir, pulumiVersion } from "../offline";
import { isMain } from "./lib/cli";

export const USAGE = "usage: npm run -s pulumi:build [-- --force]";
export const MODULE_DIR = path.join(__dirname, "pulumi-build");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VAR = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

/** The pkg/v3 version tools/pulumi-build/go.mod requires. */
export function moduleVersion(goMod = fs.readFileSync(path.join(MODULE_DIR, "go.mod"), "utf8")): string | undefined {
    return /^\s*(?:require\s+)?github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/m.exec(goMod)?.[1];
}

/** The version a built CLI reports, or undefined when it cannot run. */
export function builtVersion(binary: string): string | undefined {
    const run = spawnSync(binary, ["version"], { encoding: "utf8" });
    return run.status === 0 ? run.stdout.trim().replace(/^v/, "") : undefined;
}

export function main(argv: string[], log: (line: string) => void = l => process.stderr.write(`${l}\n`)): number {
    const unknown = argv.filter(a => a !== "--force");
    if (unknown.length > 0) {
        log(`pulumi:build: unknown argument ${unknown.join(" ")}\n${USAGE}`);
        return 2;
    }
    const version = pulumiVersion();
    const pinned = moduleVersion();
    if (pinned !== version) {
        log(`pulumi:build: package.json pins @pulumi/pulumi ${version} but tools/pulumi-build/go.mod requires pkg/v3 v${pinned}: change both together (in tools/pulumi-build: go get github.com/pulumi/pulumi/pkg/v3@v${version} && go mod tidy)`);
        return 2;
    }
    const dir = pulumiBuildDir(version);
    const binary = path.join(dir, "pulumi");
    if (!argv.includes("--force") && builtVersion(binary) === version) {
        log(`pulumi:build: Pulumi CLI v${version} already built`);
        process.stdout.write(`${dir}\n`);
        return 0;
    }
    const go = spawnSync("go", ["version"], { encoding: "utf8" });
    if (go.error || go.status !== 0) {
        log("pulumi:build: `go` is not on PATH. Install Go (1.26 or newer, https://go.dev/dl/) and run this again, or install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/) and put `pulumi` on PATH instead");
        return 2;
    }
    log(`pulumi:build: building Pulumi CLI v${version} with ${go.stdout.trim()} into ${dir} (the first build downloads its modules and takes minutes; later ones reuse Go's caches)`);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${binary}.${process.pid}.tmp`;
    const build = spawnSync("go", ["build", "-trimpath", "-ldflags", `-s -w -X ${VERSION_VAR}=v${version}`, "-o", tmp, CLI_PACKAGE], {
        cwd: MODULE_DIR,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, GOFLAGS: "-mod=readonly", GOWORK: "off" },
    });
    if (build.status !== 0) {
        fs.rmSync(tmp, { force: true });
        log(`pulumi:build: go build failed (exit ${build.status ?? build.signal})`);
        return 1;
    }
    fs.renameSync(tmp, binary);
    log(`pulumi:build: built ${binary} (${builtVersion(binary) ?? "unknown version"})`);
    process.stdout.write(`${dir}\n`);
    return 0;
}

if (isMain(module)) {
    process.exitCode = main(process.argv.slice(2));
}
