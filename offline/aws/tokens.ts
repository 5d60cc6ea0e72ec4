/**
 * The type tokens the engine names across modules: a type module refers to another type by these (its own module
 * says what the model does for it), and so do the deployment, the plan and plan:diff.
 */
export const INSTANCE = "aws:ec2/instance:Instance";
export const VOLUME = "aws:ebs/volume:Volume";
export const ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
export const EIP = "aws:ec2/eip:Eip";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const GROUP = "aws:autoscaling/group:Group";
