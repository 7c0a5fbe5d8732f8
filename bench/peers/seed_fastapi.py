# Case 3: FastAPI + uvicorn with the seed article's production practices, written
# the way the article writes them: Python's logging module (one JSON line per
# request), a prometheus_client request-duration histogram in an HTTP
# middleware that also sets the security headers, and cache-aside with the
# synchronous redis.Redis client in front of the lookup (the "database" is a dict).
# BENCH_SEED_CACHE=dict swaps Redis for an in-process dict (reported as such).
import json
import logging
import os
import time

from fastapi import FastAPI, HTTPException, Request
from prometheus_client import Histogram

logging.basicConfig(level=logging.INFO, format="%(message)s")
logger = logging.getLogger(__name__)

app = FastAPI()
ITEM = json.loads(os.environ["ITEM_JSON"])
DB = {str(ITEM["id"]): ITEM}

if os.environ.get("BENCH_SEED_CACHE", "redis") == "redis":
    import redis

    r = redis.Redis(host="localhost", port=6379, db=0)
else:
    class DictCache:
        def __init__(self):
            self.data = {}

        def get(self, key):
            return self.data.get(key)

        def set(self, key, value):
            self.data[key] = value.encode("utf-8") if isinstance(value, str) else value

    r = DictCache()

REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "HTTP request duration in seconds",
    ["method", "route", "status_code"],
)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


@app.middleware("http")
async def observe_and_secure(request: Request, call_next):
    # One middleware (not one per concern): every extra BaseHTTPMiddleware layer
    # costs this stack a lot, so the peer gets the kindest common shape.
    start = time.perf_counter()
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    duration = time.perf_counter() - start
    route = request.scope.get("route")
    path = route.path if route is not None else "unmatched"
    REQUEST_DURATION.labels(request.method, path, str(response.status_code)).observe(duration)
    logger.info(json.dumps({
        "level": "info",
        "time": time.time(),
        "method": request.method,
        "url": request.url.path,
        "statusCode": response.status_code,
        "responseTime": round(duration * 1000, 3),
    }))
    return response


@app.get("/items/{item_id}")
async def get_item(item_id: str):
    key = f"bench:seed:item:{item_id}"
    data = r.get(key)
    if data:
        return json.loads(data.decode("utf-8"))
    item = DB.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Resource not found")
    r.set(key, json.dumps(item))
    return item
