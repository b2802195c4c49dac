'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { RekognitionError } = require('./errors');

/**
 * Face collections, kept in memory and persisted to one JSON file (written to a temporary file and renamed, so a
 * crash never leaves a half-written file). Each face keeps its 128-d descriptor, never the image.
 */
class CollectionStore {
  /** @param {string|null} file JSON file, or null for memory only */
  constructor(file) {
    this._file = file;
    this._collections = new Map();
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const [id, c] of Object.entries(saved.collections ?? {})) this._collections.set(id, c);
    }
  }

  _save() {
    if (!this._file) return;
    fs.mkdirSync(path.dirname(this._file), { recursive: true });
    const tmp = `${this._file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, collections: Object.fromEntries(this._collections) }));
    fs.renameSync(tmp, this._file);
  }

  create(id, { arn, faceModelVersion, tags }) {
    if (this._collections.has(id)) {
      throw new RekognitionError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
    }
    const c = { arn, faceModelVersion, tags: tags ?? {}, createdAt: Date.now(), faces: [] };
    this._collections.set(id, c);
    this._save();
    return c;
  }

  delete(id) {
    this.get(id);
    this._collections.delete(id);
    this._save();
  }

  /** @returns the collection or throws ResourceNotFoundException */
  get(id) {
    const c = this._collections.get(id);
    if (!c) throw new RekognitionError('ResourceNotFoundException', `The collection id: ${id} does not exist`);
    return c;
  }

  ids() {
    return [...this._collections.keys()].sort();
  }

  addFaces(id, faces) {
    const c = this.get(id);
    c.faces.push(...faces);
    this._save();
  }

  /** @returns {{deleted:string[], missing:string[]}} */
  deleteFaces(id, faceIds) {
    const c = this.get(id);
    const wanted = new Set(faceIds);
    const present = new Set(c.faces.map((f) => f.FaceId));
    c.faces = c.faces.filter((f) => !wanted.has(f.FaceId));
    this._save();
    return { deleted: faceIds.filter((f) => present.has(f)), missing: faceIds.filter((f) => !present.has(f)) };
  }
}

module.exports = { CollectionStore };
