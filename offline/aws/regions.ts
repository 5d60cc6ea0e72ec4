/**
 * The regions the AWS model knows: their availability zones, which zone names are assumed, and the hosted zone of
 * their Application Load Balancers. Data with its sources; the model (offline/aws/world.ts) reads it.
 */

/**
 * Availability zones per region: every Region of the AWS Standard (commercial) partition, as hashicorp/aws-sdk-go-base
 * endpoints/endpoints_gen.go lists them (generated from the AWS SDKs' partitions.json), and cn-north-1.
 *
 * A zone's name is its Region's code and a letter. How many zones each Region has comes from the AZ IDs the AWS
 * documentation lists per Region ("AWS Availability Zones", docs.aws.amazon.com/global-infrastructure/latest/
 * regions/aws-availability-zones.html). Regions opened after November 2012 map zone names to zones alike for every
 * account ("AZ IDs", .../regions/az-ids.html), and their letters follow their AZ IDs (ca-central-1 has no 1c: its
 * third zone, cac1-az4, is ca-central-1d). The oldest Regions name zones per account; where an account sees only
 * some of a Region's zones (us-west-1), and for the Regions opened since 2024, whose names were not checked against
 * AWS documentation, the names are assumptions (ASSUMED_ZONE_NAMES) that the plan lists under "Not verified offline".
 */
export const REGION_ZONES: Record<string, string[]> = {
    "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"],
    "us-east-2": ["us-east-2a", "us-east-2b", "us-east-2c"],
    "us-west-1": ["us-west-1a", "us-west-1c"],
    "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"],
    "af-south-1": ["af-south-1a", "af-south-1b", "af-south-1c"],
    "ap-east-1": ["ap-east-1a", "ap-east-1b", "ap-east-1c"],
    "ap-east-2": ["ap-east-2a", "ap-east-2b", "ap-east-2c"],
    "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
    "ap-northeast-2": ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"],
    "ap-northeast-3": ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"],
    "ap-south-1": ["ap-south-1a", "ap-south-1b", "ap-south-1c"],
    "ap-south-2": ["ap-south-2a", "ap-south-2b", "ap-south-2c"],
    "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    "ap-southeast-2": ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"],
    "ap-southeast-3": ["ap-southeast-3a", "ap-southeast-3b", "ap-southeast-3c"],
    "ap-southeast-4": ["ap-southeast-4a", "ap-southeast-4b", "ap-southeast-4c"],
    "ap-southeast-5": ["ap-southeast-5a", "ap-southeast-5b", "ap-southeast-5c"],
    "ap-southeast-6": ["ap-southeast-6a", "ap-southeast-6b", "ap-southeast-6c"],
    "ap-southeast-7": ["ap-southeast-7a", "ap-southeast-7b", "ap-southeast-7c"],
    "ca-central-1": ["ca-central-1a", "ca-central-1b", "ca-central-1d"],
    "ca-west-1": ["ca-west-1a", "ca-west-1b", "ca-west-1c"],
    "eu-central-1": ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    "eu-central-2": ["eu-central-2a", "eu-central-2b", "eu-central-2c"],
    "eu-north-1": ["eu-north-1a", "eu-north-1b", "eu-north-1c"],
    "eu-south-1": ["eu-south-1a", "eu-south-1b", "eu-south-1c"],
    "eu-south-2": ["eu-south-2a", "eu-south-2b", "eu-south-2c"],
    "eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    "eu-west-2": ["eu-west-2a", "eu-west-2b", "eu-west-2c"],
    "eu-west-3": ["eu-west-3a", "eu-west-3b", "eu-west-3c"],
    "il-central-1": ["il-central-1a", "il-central-1b", "il-central-1c"],
    "me-central-1": ["me-central-1a", "me-central-1b", "me-central-1c"],
    "me-south-1": ["me-south-1a", "me-south-1b", "me-south-1c"],
    "mx-central-1": ["mx-central-1a", "mx-central-1b", "mx-central-1c"],
    "sa-east-1": ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
    "cn-north-1": ["cn-north-1a", "cn-north-1b", "cn-north-1d"],
};

/** Regions whose zone names above are assumed, and why: the plan lists them under "Not verified offline". */
export const ASSUMED_ZONE_NAMES: Record<string, string> = {
    "us-west-1": "AWS names this region's zones for each account, and gives an account two of its three; `pulumi up` uses your account's names",
    ...Object.fromEntries(["ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1"].map(region =>
        [region, "three zones, named as in the Regions AWS names alike for every account; not checked against AWS"])),
};

/**
 * The canonical hosted zone of Application Load Balancers per region (a load balancer's `zoneId`, for Route 53
 * alias records): terraform-provider-aws internal/service/elbv2/hosted_zone_id_data_source.go
 * hostedZoneIDPerRegionALBMap (AWS General Reference, "Elastic Load Balancing endpoints and quotas"). null where
 * that map has no entry (ap-east-2, ap-southeast-6): the model does not make one up, leaves the load balancer's
 * zoneId unset and lists it under "Not verified offline".
 */
export const ALB_HOSTED_ZONE_IDS: Record<string, string | null> = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-east-2": "Z3AADJGX6KTTL2",
    "us-west-1": "Z368ELLRRE2KJ0",
    "us-west-2": "Z1H1FL5HABSF5",
    "af-south-1": "Z268VQBMOI5EKX",
    "ap-east-1": "Z3DQVH9N71FHZ0",
    "ap-east-2": null,
    "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-northeast-2": "ZWKZPGTI48KDX",
    "ap-northeast-3": "Z5LXEXXYW11ES",
    "ap-south-1": "ZP97RAFLXTNZK",
    "ap-south-2": "Z0173938T07WNTVAEPZN",
    "ap-southeast-1": "Z1LMS91P8CMLE5",
    "ap-southeast-2": "Z1GM3OXH4ZPM65",
    "ap-southeast-3": "Z08888821HLRG5A9ZRTER",
    "ap-southeast-4": "Z09517862IB2WZLPXG76F",
    "ap-southeast-5": "Z06010284QMVVW7WO5J",
    "ap-southeast-6": null,
    "ap-southeast-7": "Z0390008CMBRTHFGWBCB",
    "ca-central-1": "ZQSVJUPU6J1EY",
    "ca-west-1": "Z06473681N0SF6OS049SD",
    "eu-central-1": "Z215JYRZR1TBD5",
    "eu-central-2": "Z06391101F2ZOEP8P5EB3",
    "eu-north-1": "Z23TAZ6LKFMNIO",
    "eu-south-1": "Z3ULH7SSC9OV64",
    "eu-south-2": "Z0956581394HF5D5LXGAP",
    "eu-west-1": "Z32O12XQLNTSW2",
    "eu-west-2": "ZHURV8PSTC4K8",
    "eu-west-3": "Z3Q77PNBQS71R4",
    "il-central-1": "Z09170902867EHPV2DABU",
    "me-central-1": "Z08230872XQRWHG2XF6I",
    "me-south-1": "ZS929ML54UICD",
    "mx-central-1": "Z023552324OKD1BB28BH5",
    "sa-east-1": "Z2P70J7HTTTPLU",
    "cn-north-1": "Z1GDH35T77C1KE",
};
