/** One status line for the steps that take time, shown only on a terminal and erased when the step ends. */
export class Progress {
    constructor(private readonly stream: NodeJS.WriteStream) {}

    show(text: string): void {
        if (this.stream.isTTY) this.stream.write(`\r\x1b[K${text}`);
    }

    clear(): void {
        if (this.stream.isTTY) this.stream.write("\r\x1b[K");
    }
}
