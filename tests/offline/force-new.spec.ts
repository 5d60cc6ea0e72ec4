// offline/force-new.ts: the force-new table (assembled from the type modules, tests/offline/aws/registry.spec.ts) and
// which of its rows fire between two sets of inputs.
import * as assert from "node:assert/strict";
import { containsSecret, containsUnknown, forceNewHits } from "../../offline/force-new";
import { SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "../../offline/plan/format";

const INSTANCE = "aws:ec2/instance:Instance";
const SRC = "terraform-provider-aws internal/service/ec2/ec2_instance.go (aws_instance schema)";

describe("offline/force-new", () => {
    it("a changed force-new input is a certain hit, an unknown one a possible hit, a secret one cannot be compared", () => {
        assert.deepEqual(forceNewHits(INSTANCE, { ami: "ami-1" }, { ami: "ami-2" }, []), [{ path: "ami", before: "ami-1", after: "ami-2", source: SRC, certainty: "certain" }]);
        assert.deepEqual(forceNewHits(INSTANCE, { ami: "ami-1" }, { ami: UNKNOWN_SENTINEL }, []).map(h => h.certainty), ["unknown"]);
        assert.deepEqual(forceNewHits(INSTANCE, { keyName: SECRET_PLACEHOLDER }, { keyName: SECRET_PLACEHOLDER }, []).map(h => [h.path, h.certainty]), [["keyName", "secret"]]);
        assert.deepEqual(forceNewHits(INSTANCE, { instanceType: "t3.micro" }, { instanceType: "t3.small" }, []), []);
    });

    it("ignoreChanges keeps a row quiet; a condition decides a conditional row (user data, architecture)", () => {
        assert.deepEqual(forceNewHits(INSTANCE, { ami: "ami-1" }, { ami: "ami-2" }, ["ami"]), []);
        assert.deepEqual(forceNewHits(INSTANCE, { userData: "a" }, { userData: "b" }, []), []);
        assert.deepEqual(forceNewHits(INSTANCE, { userData: "a" }, { userData: "b", userDataReplaceOnChange: true }, []).map(h => [h.path, h.condition]), [["userData", "userDataReplaceOnChange is true"]]);
        assert.deepEqual(forceNewHits(INSTANCE, { instanceType: "t3.micro" }, { instanceType: "t4g.micro" }, []).map(h => h.path), ["instanceType"]);
        assert.deepEqual(forceNewHits("aws:s3/bucket:Bucket", { a: 1 }, { a: 2 }, []), []);
    });

    it("finds the plan's markers anywhere in a value", () => {
        assert.deepEqual([containsSecret({ a: [SECRET_PLACEHOLDER] }), containsSecret({ a: "x" }), containsUnknown([{ b: UNKNOWN_SENTINEL }]), containsUnknown("x")], [true, false, true, false]);
    });
});
