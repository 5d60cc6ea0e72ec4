import { BadCase } from "../helpers";

/** config/storage.ts: the root volume and the data volumes. */
export const STORAGE_CASES: BadCase[] = [
    {
        name: "rootVolume not object",
        raw: {"rootVolume":"20"},
        errors: [
            "ec2-server:rootVolume: got 20, expected an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}",
        ],
    },
    {
        name: "rootVolume st1",
        raw: {"rootVolume":"{\"sizeGiB\":200,\"type\":\"st1\"}"},
        errors: [
            "ec2-server:rootVolume.type: got \"st1\", expected one of gp3, gp2, io1, io2",
        ],
    },
    {
        name: "rootVolume size 0",
        raw: {"rootVolume":"{\"sizeGiB\":0}"},
        errors: [
            "ec2-server:rootVolume.sizeGiB: got 0, expected an integer size in GiB for gp3 from 1 to 65536",
        ],
    },
    {
        name: "rootVolume gp2 iops",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"type\":\"gp2\",\"iops\":3000}"},
        errors: [
            "ec2-server:rootVolume.iops: got 3000, expected no iops for gp2 (only gp3, io1, io2 take iops)",
        ],
    },
    {
        name: "rootVolume io2 no iops",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"type\":\"io2\"}"},
        errors: [
            "ec2-server:rootVolume.iops: got undefined, expected an integer IOPS from 100 to 256000 (required for io2)",
        ],
    },
    {
        name: "rootVolume gp3 throughput",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"throughput\":5000}"},
        errors: [
            "ec2-server:rootVolume.throughput: got 5000, expected an integer throughput in MiB/s for gp3 from 125 to 2000",
        ],
    },
    {
        name: "rootVolume unknown key",
        raw: {"rootVolume":"{\"size\":20}"},
        errors: [
            "ec2-server:rootVolume.size: got 20, expected only the keys sizeGiB, type, encrypted, iops, throughput, kmsKeyId (unknown key; did you mean \"sizeGiB\"?)",
        ],
    },
    {
        name: "rootVolume kms unencrypted",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"encrypted\":false,\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\", expected no kmsKeyId on an unencrypted volume (set encrypted: true)",
        ],
    },
    {
        name: "rootVolume kms alias name",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"kmsKeyId\":\"alias/ebs\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"alias/ebs\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so an alias or alias ARN is read back as a different value and replaces the volume on every up; use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`)",
        ],
    },
    {
        name: "dataVolumes kms alias ARN",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:123456789012:alias/ebs\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].kmsKeyId: got \"arn:aws:kms:ap-northeast-2:123456789012:alias/ebs\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so an alias or alias ARN is read back as a different value and replaces the volume on every up; use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`)",
        ],
    },
    {
        name: "dataVolumes kms bare key id and multi-Region key id",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"kmsKeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"},{\"name\":\"logs\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdg\",\"kmsKeyId\":\"mrk-1234abcd12ab34cd56ef1234567890ab\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].kmsKeyId: got \"1234abcd-12ab-34cd-56ef-1234567890ab\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so a bare key id is read back as a different value and replaces the volume on every up; use the key's full ARN)",
            "ec2-server:dataVolumes[1].kmsKeyId: got \"mrk-1234abcd12ab34cd56ef1234567890ab\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so a bare key id is read back as a different value and replaces the volume on every up; use the key's full ARN)",
        ],
    },
    {
        name: "rootVolume kms not a key",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:12345:key/abc\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"arn:aws:kms:ap-northeast-2:12345:key/abc\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…>",
        ],
    },
    {
        name: "rootVolume encrypted string",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"encrypted\":\"yes\"}"},
        errors: [
            "ec2-server:rootVolume.encrypted: got \"yes\", expected true or false",
        ],
    },
    {
        name: "dataVolumes not list",
        raw: {"dataVolumes":"{\"name\":\"data\"}"},
        errors: [
            "ec2-server:dataVolumes: got {\"name\":\"data\"}, expected a list of {name, sizeGiB, type, deviceName, encrypted}",
        ],
    },
    {
        name: "dataVolume missing size",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].sizeGiB: got undefined, expected an integer size in GiB from 1 to 65536 for gp3",
        ],
    },
    {
        name: "dataVolume bad device",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sda1\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].deviceName: got \"/dev/sda1\", expected a data device name /dev/sdf … /dev/sdp (or /dev/xvdf … /dev/xvdp)",
        ],
    },
    {
        name: "dataVolume bad name",
        raw: {"dataVolumes":"[{\"name\":\"Data Disk\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].name: got \"Data Disk\", expected a short lowercase name matching ^[a-z][a-z0-9-]{0,30}$ (it names the volume resource)",
        ],
    },
    {
        name: "dataVolume dup device",
        raw: {"dataVolumes":"[{\"name\":\"a\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"},{\"name\":\"b\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[1].deviceName: got \"/dev/sdf\", expected a deviceName not used by another data volume (dataVolumes[0] has it already)",
        ],
    },
    {
        name: "dataVolume bad snapshot",
        raw: {"dataVolumes":"[{\"name\":\"a\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"snapshotId\":\"snap-1\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].snapshotId: got \"snap-1\", expected a snapshot id like snap-0123456789abcdef0",
        ],
    },
];
