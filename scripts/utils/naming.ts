/** Names for generated types: `Joined Room` → `JoinedRoom`, `event_batch` → `EventBatch`, `/sync` → `Sync`. */
export function pascalCase(words: string): string {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}
