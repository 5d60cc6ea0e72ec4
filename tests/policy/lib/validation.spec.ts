// policy/lib/validation.ts: forTypes (run a validation only for some resource types, and mark the policy not
// applicable to the others) and configList (a list-valued policy config property, with a fallback when none was sent).
import * as assert from "node:assert/strict";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../../policy/lib/types";
import { configList, forTypes } from "../../../policy/lib/validation";
import { validateResourceDetailed } from "../helpers";

describe("policy/lib/validation", () => {
    describe("forTypes", () => {
        const seen: { type: string; name: string }[] = [];
        const policy: ResourceValidationPolicy = {
            name: "test-for-types",
            description: "reports every instance and volume",
            enforcementLevel: "advisory",
            validateResource: forTypes([T.Instance, T.Volume], (args, reportViolation) => {
                seen.push({ type: args.type, name: args.name });
                reportViolation(`saw ${args.name}`);
            }),
        };
        beforeEach(() => {
            seen.length = 0;
        });

        it("runs the validation, with the resource's args and the report function, for each type given", async () => {
            assert.deepEqual(await validateResourceDetailed(policy, { type: T.Instance, name: "web", props: {} }), { messages: ["saw web"] });
            assert.deepEqual(await validateResourceDetailed(policy, { type: T.Volume, name: "data", props: {} }), { messages: ["saw data"] });
            assert.deepEqual(seen, [{ type: T.Instance, name: "web" }, { type: T.Volume, name: "data" }]);
        });

        it("marks the policy not applicable to any other type, naming the types, and does not run the validation", async () => {
            assert.deepEqual(await validateResourceDetailed(policy, { type: T.LaunchTemplate, props: {} }), {
                messages: [],
                notApplicable: "applies only to aws:ec2/instance:Instance, aws:ebs/volume:Volume",
            });
            assert.deepEqual(seen, []);
        });

        it("compares the whole token: another module's class of the same name is another type", async () => {
            const outcome = await validateResourceDetailed(policy, { type: "aws:ec2/volume:Volume", props: {} });
            assert.equal(outcome.notApplicable, "applies only to aws:ec2/instance:Instance, aws:ebs/volume:Volume");
            assert.deepEqual(seen, []);
        });

        it("calls args.notApplicable with the reason first: the SDK's throw there is what keeps the validation from running", () => {
            const reasons: string[] = [];
            const validate = forTypes([T.Subnet], () => {
                throw new Error("must not run");
            });
            const args = {
                type: T.Instance,
                notApplicable: (reason?: string): never => {
                    reasons.push(reason ?? "");
                    throw new Error("not applicable");
                },
            } as unknown as ResourceValidationArgs;
            assert.throws(() => validate(args, () => undefined), { message: "not applicable" });
            assert.deepEqual(reasons, ["applies only to aws:ec2/subnet:Subnet"]);
        });
    });

    describe("configList", () => {
        const isString = (v: unknown): v is string => typeof v === "string";
        const args = (config: Record<string, unknown>) => ({ getConfig: <C extends object>() => config as C });
        const FALLBACK = ["t3.micro"] as const;

        it("the configured list, keeping only the items that pass the check", () => {
            assert.deepEqual(configList(args({ types: ["t3.small", 5, null, "m5.large"] }), "types", FALLBACK, isString), ["t3.small", "m5.large"]);
        });

        it("an empty configured list stays empty: it does not fall back", () => {
            assert.deepEqual(configList(args({ types: [] }), "types", FALLBACK, isString), []);
        });

        it("the fallback when the key is missing or not a list", () => {
            for (const value of [undefined, null, "t3.small", { 0: "t3.small" }, 5]) {
                assert.equal(configList(args({ types: value }), "types", FALLBACK, isString), FALLBACK, String(value));
            }
            assert.equal(configList(args({}), "types", FALLBACK, isString), FALLBACK);
        });
    });
});
