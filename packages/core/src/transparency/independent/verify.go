// An independent check of certflow's checkpoints and proofs with Go's
// golang.org/x/mod/sumdb/note (signed notes, Ed25519 vkeys) and
// golang.org/x/mod/sumdb/tlog (RFC 6962/9162 tree proofs). It shares no code
// with certflow: it reads a JSON request on stdin and prints "ok" or the error.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type request struct {
	Vkey       string   `json:"vkey"`
	Checkpoint string   `json:"checkpoint"`
	EventHash  string   `json:"eventHash"` // hex SHA-256 of the event; the leaf entry is its 32 bytes
	LeafIndex  int64    `json:"leafIndex"`
	Proof      []string `json:"proof"`
	// Optional consistency check from an older checkpoint.
	OldCheckpoint    string   `json:"oldCheckpoint"`
	ConsistencyProof []string `json:"consistencyProof"`
}

func fail(format string, args ...interface{}) {
	fmt.Printf(format+"\n", args...)
	os.Exit(1)
}

func open(v note.Verifier, text string) (int64, tlog.Hash) {
	n, err := note.Open([]byte(text), note.VerifierList(v))
	if err != nil {
		fail("note.Open: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail("checkpoint: too few lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		fail("checkpoint root: %v", err)
	}
	var h tlog.Hash
	copy(h[:], raw)
	return size, h
}

func hashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(raw) != tlog.HashSize {
			fail("proof entry %d: %v", i, err)
		}
		copy(out[i][:], raw)
	}
	return out
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("request: %v", err)
	}
	v, err := note.NewVerifier(req.Vkey)
	if err != nil {
		fail("note.NewVerifier: %v", err)
	}
	size, root := open(v, req.Checkpoint)
	entry := make([]byte, 32)
	if _, err := fmt.Sscanf(req.EventHash, "%x", &entry); err != nil || len(entry) != 32 {
		fail("event hash: %v", err)
	}
	leaf := tlog.RecordHash(entry)
	if err := tlog.CheckRecord(tlog.RecordProof(hashes(req.Proof)), size, root, req.LeafIndex, leaf); err != nil {
		fail("tlog.CheckRecord: %v", err)
	}
	if req.OldCheckpoint != "" {
		oldSize, oldRoot := open(v, req.OldCheckpoint)
		if err := tlog.CheckTree(tlog.TreeProof(hashes(req.ConsistencyProof)), size, root, oldSize, oldRoot); err != nil {
			fail("tlog.CheckTree: %v", err)
		}
	}
	fmt.Println("ok")
}
