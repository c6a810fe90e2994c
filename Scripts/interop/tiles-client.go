// tiles-client checks a C2SP tlog-tiles publication (civic publish) with the Go
// checksum database's own libraries: golang.org/x/mod/sumdb/note opens the signed
// checkpoint, and golang.org/x/mod/sumdb/tlog recomputes the tree hash from the tiles
// and proves and checks the inclusion of every entry read from the entry bundles.
//
// Build and run without modules, against Debian's golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o tiles-client Scripts/interop/tiles-client.go
//	tiles-client PUBLISHED_DIR VKEY   (VKEY: a verifier key, or a file holding one)
//	tiles-client http://HOST:PORT/ledgers/NAME VKEY   (a civic serve ledger, over HTTP)
//
// Exit status 0 when everything verifies, 1 on any failure, 2 on a usage error.
package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tileHeight is fixed by C2SP tlog-tiles: 256 hashes (or entries) to a full tile.
const tileHeight = 8

// c2spPath maps Go's tile path, tile/8/<L>/<N>[.p/<W>] (entry tiles: tile/8/data/...),
// onto C2SP's, which drops the height: tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>].
func c2spPath(t tlog.Tile) (string, error) {
	goPath := t.Path()
	prefix := fmt.Sprintf("tile/%d/", tileHeight)
	if t.H != tileHeight || !strings.HasPrefix(goPath, prefix) {
		return "", fmt.Errorf("tile %s does not have height %d", goPath, tileHeight)
	}
	rest := strings.TrimPrefix(goPath, prefix)
	if strings.HasPrefix(rest, "data/") {
		return "tile/entries/" + strings.TrimPrefix(rest, "data/"), nil
	}
	return "tile/" + rest, nil
}

// readPath reads a file of the publication: from the directory, or with an HTTP GET when
// base is an http:// or https:// address (civic serve), where anything but 200 fails.
func readPath(base, p string) ([]byte, error) {
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return os.ReadFile(filepath.Join(base, filepath.FromSlash(p)))
	}
	response, err := http.Get(strings.TrimRight(base, "/") + "/" + p)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", p, response.StatusCode)
	}
	return io.ReadAll(io.LimitReader(response.Body, 1<<24))
}

// dirTiles is a tlog.TileReader over a published directory.
type dirTiles struct {
	dir   string
	cache map[tlog.Tile][]byte
	reads int
}

func (d *dirTiles) Height() int { return tileHeight }

func (d *dirTiles) read(t tlog.Tile) ([]byte, error) {
	if data, ok := d.cache[t]; ok {
		return data, nil
	}
	p, err := c2spPath(t)
	if err != nil {
		return nil, err
	}
	data, err := readPath(d.dir, p)
	if err != nil {
		return nil, err
	}
	d.reads++
	d.cache[t] = data
	return data, nil
}

func (d *dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := d.read(t)
		if err != nil {
			return nil, err
		}
		if len(data) != t.W*tlog.HashSize {
			p, _ := c2spPath(t)
			return nil, fmt.Errorf("%s holds %d bytes, not %d", p, len(data), t.W*tlog.HashSize)
		}
		out[i] = data
	}
	return out, nil
}

func (d *dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// bundleEntries splits an entry bundle: each entry is a 2-byte big-endian length and its bytes.
func bundleEntries(data []byte, want int) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, fmt.Errorf("truncated entry length")
		}
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, fmt.Errorf("truncated entry %d", len(entries))
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	if len(entries) != want {
		return nil, fmt.Errorf("holds %d entries, not %d", len(entries), want)
	}
	return entries, nil
}

// parseCheckpoint reads a C2SP tlog-checkpoint body: origin, size, base64 root.
func parseCheckpoint(text string) (origin string, size int64, root tlog.Hash, err error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", 0, root, fmt.Errorf("checkpoint needs origin, size and root lines")
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return "", 0, root, fmt.Errorf("checkpoint size %q is not a decimal number", lines[1])
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		return "", 0, root, fmt.Errorf("checkpoint root %q is not base64 of %d bytes", lines[2], tlog.HashSize)
	}
	copy(root[:], raw)
	return lines[0], size, root, nil
}

func run(dir, vkey string) error {
	if !strings.Contains(vkey, "+") {
		data, err := os.ReadFile(vkey)
		if err != nil {
			return fmt.Errorf("verifier key: %v", err)
		}
		vkey = strings.TrimRight(string(data), "\r\n")
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	msg, err := readPath(dir, "checkpoint")
	if err != nil {
		return err
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("checkpoint: %v", err)
	}
	origin, size, root, err := parseCheckpoint(n.Text)
	if err != nil {
		return err
	}
	if origin != verifier.Name() {
		return fmt.Errorf("checkpoint origin %q is not the key's name %q", origin, verifier.Name())
	}

	tiles := &dirTiles{dir: dir, cache: map[tlog.Tile][]byte{}}
	hashes := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, tiles)
	treeHash, err := tlog.TreeHash(size, hashes)
	if err != nil {
		return fmt.Errorf("tree hash: %v", err)
	}
	if treeHash != root {
		return fmt.Errorf("tree hash %v from the tiles is not the checkpoint's root %v", treeHash, root)
	}

	var bundles int
	proven := int64(0)
	for start := int64(0); start < size; start += 1 << tileHeight {
		width := size - start
		if width > 1<<tileHeight {
			width = 1 << tileHeight
		}
		bundle := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(width)}
		p, err := c2spPath(bundle)
		if err != nil {
			return err
		}
		data, err := readPath(dir, p)
		if err != nil {
			return err
		}
		entries, err := bundleEntries(data, int(width))
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		bundles++
		for i, entry := range entries {
			index := start + int64(i)
			proof, err := tlog.ProveRecord(size, index, hashes)
			if err != nil {
				return fmt.Errorf("entry %d: proving inclusion: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(entry)); err != nil {
				return fmt.Errorf("entry %d: %v", index, err)
			}
			proven++
		}
	}
	if proven != size {
		return fmt.Errorf("proved %d entries, the checkpoint covers %d", proven, size)
	}
	fmt.Printf("tiles-client: %s size %d root %s: checkpoint signature ok (note.Open), tree hash ok (tlog.TreeHash), "+
		"%d entries proven included (tlog.ProveRecord/CheckRecord) from %d bundles, %d tiles read\n",
		origin, size, base64.StdEncoding.EncodeToString(root[:]), proven, bundles, tiles.reads)
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: tiles-client PUBLISHED_DIR VKEY")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "tiles-client: FAILED: %v\n", err)
		os.Exit(1)
	}
}
