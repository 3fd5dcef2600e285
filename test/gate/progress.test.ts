import { Progress } from "hardened-redis-gate";

function stream(isTTY: boolean) {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe("the progress line", () => {
    it("shows each step on one terminal line and erases it when the step ends", () => {
        const terminal = stream(true);
        const progress = new Progress(terminal.stream);
        progress.show("Running stacks (stack dev) under mocks...");
        progress.show("Evaluating 34 policies over 75 resources...");
        progress.clear();
        expect(terminal.written).toEqual([
            "\r\x1b[KRunning stacks (stack dev) under mocks...",
            "\r\x1b[KEvaluating 34 policies over 75 resources...",
            "\r\x1b[K",
        ]);
    });

    it("writes nothing when the output is not a terminal, so CI logs and pipes stay clean", () => {
        const pipe = stream(false);
        const progress = new Progress(pipe.stream);
        progress.show("Running stacks (stack dev) under mocks...");
        progress.clear();
        expect(pipe.written).toEqual([]);
    });
});
