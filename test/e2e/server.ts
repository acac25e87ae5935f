import { createReadStream, existsSync, statSync } from "fs";
import { createServer, Server } from "http";
import { extname, join, normalize } from "path";

const TIPI: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serves a folder on 127.0.0.1 (a free port): the built workbench, for the browser tests. */
export function serviCartella(radice: string): Promise<{ url: string; chiudi: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const percorso = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(radice, percorso === "/" ? "index.html" : percorso));
    if (!file.startsWith(radice) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TIPI[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/`, chiudi: () => new Promise((r) => server.close(() => r())) });
    })
  );
}
