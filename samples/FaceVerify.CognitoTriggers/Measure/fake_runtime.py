# A one-event fake of the Lambda Runtime API on 127.0.0.1 (used by cold-start.sh): serves argv[2] on /next, prints what is posted, exits.
import http.server, json, sys, time, threading
EVENT = open(sys.argv[2]).read().encode()
state = {"served": 0, "t_next": None, "t_post": None, "body": None, "path": None}
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        if state["served"] >= 1:
            time.sleep(30); return
        state["served"] += 1
        state["t_next"] = time.time()
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", "req-1")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int((time.time()+5)*1000)))
        self.send_header("Content-Length", str(len(EVENT)))
        self.end_headers(); self.wfile.write(EVENT)
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        state["body"] = self.rfile.read(n).decode(); state["path"] = self.path; state["t_post"] = time.time()
        self.send_response(202); self.end_headers()
        print(json.dumps({"path": self.path, "handler_ms": round((state["t_post"]-state["t_next"])*1000,1), "body": state["body"][:300]}), flush=True)
        threading.Thread(target=srv.shutdown).start()
srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
srv.serve_forever()
