// components/access.ts: the ready-to-paste access commands the stack outputs (sshCommands, ssmCommands and the
// group's commands); the outputs themselves are asserted in tests/index.spec.ts.
import * as assert from "node:assert/strict";
import { groupServersCommand, groupSsmCommand, keyFilePath, sshCommand, ssmCommand } from "../../components/access";

const target = { user: "ec2-user", instanceId: "i-0123456789abcdef0", privateIp: "10.0.1.10", region: "ap-northeast-2", ssm: false };

describe("components/access", () => {
    it("the key file is ~/.ssh/<project>-<stack>.pem", () => {
        assert.equal(keyFilePath("ec2-server", "dev"), "~/.ssh/ec2-server-dev.pem");
    });

    it("ssh goes to the public address, else through Session Manager, else to the private address", () => {
        const key = "~/.ssh/ec2-server-dev.pem";
        assert.equal(sshCommand({ ...target, publicAddress: "3.36.64.245", keyFile: key }), "ssh -i ~/.ssh/ec2-server-dev.pem ec2-user@3.36.64.245");
        assert.equal(sshCommand({ ...target, ssm: true, keyFile: key }),
            "ssh -i ~/.ssh/ec2-server-dev.pem -o ProxyCommand='aws ssm start-session --target %h --document-name AWS-StartSSHSession --parameters portNumber=%p --region ap-northeast-2' ec2-user@i-0123456789abcdef0");
        assert.equal(sshCommand(target), "ssh ec2-user@10.0.1.10", "an imported key: no -i");
    });

    it("Session Manager commands for a server and for a group's first server in service", () => {
        assert.equal(ssmCommand("i-0123456789abcdef0", "ap-northeast-2"), "aws ssm start-session --target i-0123456789abcdef0 --region ap-northeast-2");
        const list = "aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names web-asg --region ap-northeast-2 --query 'AutoScalingGroups[0].Instances[?LifecycleState==`InService`].InstanceId' --output text";
        assert.equal(groupServersCommand("web-asg", "ap-northeast-2"), list);
        assert.equal(groupSsmCommand("web-asg", "ap-northeast-2"), `aws ssm start-session --region ap-northeast-2 --target "$(${list} | cut -f1)"`);
    });
});
