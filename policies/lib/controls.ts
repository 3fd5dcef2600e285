/** One control of a published framework that a rule implements. */
export interface Control {
    framework: string;
    /** The framework's own id of the control, such as `ElastiCache.4` or `CKV_AWS_29`. */
    id: string;
    title: string;
    url: string;
    /** The framework's version or edition, where it has one. */
    version: string;
}

export function securityHub(id: string, title: string): Control {
    const anchor = id.toLowerCase().replace(".", "-");
    const service = id.split(".")[0].toLowerCase();
    return {
        framework: "AWS Security Hub (Foundational Security Best Practices)",
        version: "1.0.0",
        id,
        title,
        url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${anchor}`,
    };
}

export function awsConfig(id: string, title: string): Control {
    return {
        framework: "AWS Config managed rule",
        version: "current",
        id,
        title,
        url: `https://docs.aws.amazon.com/config/latest/developerguide/${id}.html`,
    };
}

export function checkov(id: string, title: string): Control {
    return { framework: "Checkov", version: "3", id, title, url: "https://www.checkov.io/5.Policy%20Index/terraform.html" };
}

export function trivy(id: string, title: string): Control {
    const avd = `avd-${id.toLowerCase()}`;
    return {
        framework: "Trivy (Aqua AVD)",
        version: "current",
        id,
        title,
        url: `https://avd.aquasec.com/misconfig/aws/elasticache/${avd}/`,
    };
}

export function podSecurityStandards(title: string): Control {
    return {
        framework: "Kubernetes Pod Security Standards",
        version: "v1.30",
        id: "restricted",
        title,
        url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    };
}

export function cisKubernetes(id: string, title: string): Control {
    return { framework: "CIS Kubernetes Benchmark", version: "1.9.0", id, title, url: "https://www.cisecurity.org/benchmark/kubernetes" };
}

export function redisSecurity(id: string, title: string, anchor = ""): Control {
    return {
        framework: "Redis security guidance",
        version: "7",
        id,
        title,
        url: `https://redis.io/docs/latest/operate/oss_and_stack/management/security/${anchor}`,
    };
}

export function cwe(id: number, title: string): Control {
    return { framework: "CWE", version: "4.15", id: `CWE-${id}`, title, url: `https://cwe.mitre.org/data/definitions/${id}.html` };
}

export function awsDocs(id: string, title: string, url: string): Control {
    return { framework: "Amazon ElastiCache User Guide", version: "current", id, title, url };
}

export function conformity(id: string, title: string, url: string): Control {
    return { framework: "Trend Cloud One Conformity", version: "current", id, title, url };
}

export function kubernetesDocs(id: string, title: string, url: string): Control {
    return { framework: "Kubernetes documentation", version: "v1.30", id, title, url };
}

export function redisDocs(id: string, title: string, url: string): Control {
    return { framework: "Redis documentation", version: "7", id, title, url };
}
