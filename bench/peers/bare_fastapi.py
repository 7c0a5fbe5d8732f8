# Case 2: bare FastAPI + uvicorn (uvloop, httptools), the same endpoint and body.
import json
import os

from fastapi import FastAPI, HTTPException

app = FastAPI()
ITEM = json.loads(os.environ["ITEM_JSON"])
ITEMS = {str(ITEM["id"]): ITEM}


@app.get("/items/{item_id}")
async def get_item(item_id: str):
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item
