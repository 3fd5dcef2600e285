import { cidrProblem } from "../../components/aws/cidr";

describe("cidrProblem", () => {
    it.each([
        "10.0.0.0/8",
        "10.1.2.0/24",
        "172.16.0.0/12",
        "172.31.255.0/28",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "2600:1f18::/56",
        "fd00:1::/64",
    ])("accepts %s", (cidr) => {
        expect(cidrProblem(cidr)).toBeUndefined();
    });
    it.each([
        ["0.0.0.0/0", "is public or wider than a private range"],
        ["10.0.0.0/7", "is public or wider than a private range"],
        ["172.0.0.0/8", "is public or wider than a private range"],
        ["8.8.8.8/32", "is public or wider than a private range"],
        ["::/0", "is wider than /56"],
        ["2600::/8", "is wider than /56"],
        ["not-a-cidr", "is not a CIDR block"],
    ])("refuses %s", (cidr, problem) => {
        expect(cidrProblem(cidr)).toBe(problem);
    });
});
