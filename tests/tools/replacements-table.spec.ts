import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { END, renderForceNewTable, sdkName, START } from "../../tools/replacements-table";
import { RESOURCE_KINDS } from "../../offline/force-new";

describe("tools/replacements-table (npm run replacements:table)", () => {
    it("the README carries exactly the generated force-new table", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        const start = readme.indexOf(START);
        const end = readme.indexOf(END);
        assert.ok(start >= 0 && end > start, "README has the table markers");
        assert.equal(readme.slice(start, end + END.length), renderForceNewTable(), "README is stale: paste the output of `npm run -s replacements:table`");
    });

    it("has one row per resource type of the table, named as the SDK names it", () => {
        const rows = renderForceNewTable().split("\n").filter(l => l.startsWith("| `"));
        assert.equal(rows.length, Object.keys(RESOURCE_KINDS).length);
        assert.deepEqual([sdkName("aws:ec2/instance:Instance"), sdkName("tls:index/privateKey:PrivateKey"), sdkName("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")],
            ["aws.ec2.Instance", "tls.PrivateKey", "aws.vpc.SecurityGroupIngressRule"]);
        assert.ok(rows.includes("| `aws.ec2.InternetGateway` |  | only its region |  |"));
        assert.ok(rows.some(r => r.startsWith("| `aws.ebs.Volume` | yes | availabilityZone, encrypted, kmsKeyId, multiAttachEnabled, outpostArn, snapshotId | ec2/ebs_volume.go |")));
    });
});
