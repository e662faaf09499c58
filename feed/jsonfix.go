package feed

import "encoding/json"

// normaliseJSONFeed repairs the departures from the JSON Feed spec that real
// feeds make and gofeed refuses: a string where an array of strings belongs
// (tags), a number or an object where a string belongs (id). It reports
// false when there was nothing it could repair.
func normaliseJSONFeed(body []byte) ([]byte, bool) {
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, false
	}
	items, _ := doc["items"].([]any)
	changed := false
	for _, raw := range items {
		item, ok := raw.(map[string]any)
		if !ok {
			continue
		}
		if tag, ok := item["tags"].(string); ok {
			item["tags"] = []string{tag}
			changed = true
		}
		if id, ok := item["id"]; ok {
			if _, isString := id.(string); !isString && id != nil {
				b, _ := json.Marshal(id)
				item["id"] = string(b)
				changed = true
			}
		}
	}
	if !changed {
		return nil, false
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}
