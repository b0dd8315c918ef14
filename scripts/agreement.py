#!/usr/bin/env python3
"""Score a second annotation of dev articles against the dev gold.

Usage: agreement.py DEV_DIR SECOND_DIR WORK_DIR

SECOND_DIR holds NAME.gold.json files written again, from the text alone,
for some of DEV_DIR's articles. The script copies those articles' dev gold
into WORK_DIR/gold and writes the second annotation as extractor output
(WORK_DIR/second.jsonl), so that ../shared/eval/score.py can score one
against the other: how far two careful annotators agree.
"""
import json
import os
import shutil
import sys


def as_output(stem, gold):
    entities = [{"type": e["type"], "name": e["names"][0], "aliases": e["names"][1:]}
                for e in gold.get("entities", [])]
    relations = [{"type": "SUPPLIES", "from": s["supplier"], "to": s["recipient"],
                  "products": s.get("products", []), "status": s.get("status"),
                  "quantity": s.get("quantity")} for s in gold.get("supplies", [])]
    for p in gold.get("projects", []):
        entities.append({"type": "Project", "name": p["names"][0], "aliases": p["names"][1:]})
        relations += [{"type": "PARTICIPATES_IN", "from": x, "to": p["names"][0]}
                      for x in p.get("participants", [])]
    return {"source": stem + ".txt", "entities": entities, "relations": relations}


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    dev, second, work = argv
    gold_dir = os.path.join(work, "gold")
    shutil.rmtree(gold_dir, ignore_errors=True)
    os.makedirs(gold_dir)
    with open(os.path.join(work, "second.jsonl"), "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(second)):
            if not name.endswith(".gold.json"):
                continue
            stem = name[:-len(".gold.json")]
            shutil.copy(os.path.join(dev, name), gold_dir)
            with open(os.path.join(second, name), encoding="utf-8") as fh:
                out.write(json.dumps(as_output(stem, json.load(fh))) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
