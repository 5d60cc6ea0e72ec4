// The ec2-server CrossGuard policy pack. This file only constructs the pack: constructing a PolicyPack
// starts the analyzer's gRPC server, and only one may exist per process, so tests import ./policies.
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The SDK reads the pack's version from package.json in the working directory (the CLI runs the pack
// from this directory); the description comes from the same file. Read from there, not relative to this
// file, so the compiled pack in bin/ reads it too.
const pkg: { version: string; description?: string } = require(path.join(process.cwd(), "package.json"));

new PolicyPack("ec2-server", {
    description: pkg.description,
    policies,
});
