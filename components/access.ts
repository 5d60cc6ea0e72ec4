/** Ready-to-paste access commands for the stack outputs. Pure string builders. */

/** Where README tells users to save the generated key: `~/.ssh/<project>-<stack>.pem`. */
export function keyFilePath(project: string, stack: string): string {
    return `~/.ssh/${project}-${stack}.pem`;
}

export interface SshTarget {
    user: string;
    /** Public address, when the server has one. @default none */
    publicAddress?: string;
    instanceId: string;
    privateIp: string;
    region: string;
    /** `-i` key file, for generated keys; imported keys come from the user's own ssh setup. @default none */
    keyFile?: string;
    /** Session Manager is available: servers without a public address are reached through it. */
    ssm: boolean;
}

/**
 * `ssh -i <key>.pem <user>@<public address>`; without a public address, SSH tunnelled through Session Manager
 * (AWS-StartSSHSession); without either, the private address (from inside the VPC or over a VPN).
 */
export function sshCommand(t: SshTarget): string {
    const identity = t.keyFile ? `-i ${t.keyFile} ` : "";
    if (t.publicAddress) {
        return `ssh ${identity}${t.user}@${t.publicAddress}`;
    }
    if (t.ssm) {
        const proxy = `aws ssm start-session --target %h --document-name AWS-StartSSHSession --parameters portNumber=%p --region ${t.region}`;
        return `ssh ${identity}-o ProxyCommand='${proxy}' ${t.user}@${t.instanceId}`;
    }
    return `ssh ${identity}${t.user}@${t.privateIp}`;
}

/** `aws ssm start-session --target <id> --region <region>`. */
export function ssmCommand(instanceId: string, region: string): string {
    return `aws ssm start-session --target ${instanceId} --region ${region}`;
}

/** For an Auto Scaling group, whose servers come and go: the ids of its servers in service, one per tab. */
export function groupServersCommand(groupName: string, region: string): string {
    return `aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names ${groupName} --region ${region} --query 'AutoScalingGroups[0].Instances[?LifecycleState==\`InService\`].InstanceId' --output text`;
}

/** A Session Manager session on the group's first server in service. */
export function groupSsmCommand(groupName: string, region: string): string {
    return `aws ssm start-session --region ${region} --target "$(${groupServersCommand(groupName, region)} | cut -f1)"`;
}
