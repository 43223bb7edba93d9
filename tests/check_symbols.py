#!/usr/bin/env python3
"""Exported symbols of the shared library == the VQR_API declarations of the
public header == what the linker map exports. (The libraries beside
libvietqr mark their API with their own macro, VQR_PRINT_API, ...)

Usage: check_symbols.py HEADER MAP LIBRARY.so

- every VQR_API function of HEADER is exported by LIBRARY (nm -D), and
  LIBRARY exports nothing else (besides the map's version nodes);
- every exported symbol carries one of the MAP's version nodes and matches
  one of its global patterns; every literal name listed in MAP is declared;
- LIBRARY needs no undefined QRcode_* symbol that qrencode.h does not
  declare (QRcode_encodeMask is looked up at run time, never linked).
Exits 1 and names each difference otherwise.
"""
import fnmatch
import re
import subprocess
import sys


def header_symbols(path):
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    text = '\n'.join(l for l in text.split('\n') if not l.lstrip().startswith('#'))
    names = set()
    for m in re.finditer(r'\bVQR_(?:[A-Z]+_)?API\b([^;{]*?)\(', text):
        ident = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', m.group(1))
        if not ident:
            raise SystemExit('%s: cannot read the declaration at "%s"' % (path, m.group(0)))
        names.add(ident[-1])
    return names


def map_nodes(path):
    """Version nodes and, for each, its global patterns."""
    text = re.sub(r'/\*.*?\*/', ' ', open(path, encoding='utf-8').read(), flags=re.S)
    nodes = {}
    for m in re.finditer(r'([A-Za-z0-9_.]+)\s*\{(.*?)\}\s*[A-Za-z0-9_.]*\s*;', text, flags=re.S):
        body = m.group(2)
        g = re.search(r'global\s*:(.*?)(?:local\s*:|$)', body, flags=re.S)
        pats = [p.strip() for p in g.group(1).split(';') if p.strip()] if g else []
        nodes[m.group(1)] = pats
    if not nodes:
        raise SystemExit('%s: no version node found' % path)
    return nodes


def exported_symbols(lib):
    out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        kind, name = parts[-2], parts[-1]
        version = ''
        if '@' in name:
            name, _, version = name.partition('@')
            version = version.lstrip('@')
        syms[name] = (kind, version)
    return syms


# libqrencode's functions that qrencode.h declares and lib/qr.c links.
PUBLIC_QRENCODE = {'QRcode_encodeInput', 'QRcode_free', 'QRinput_new2', 'QRinput_free',
                   'QRinput_append', 'QRinput_appendECIheader'}


def undefined_symbols(lib):
    out = subprocess.run(['nm', '-D', '--undefined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1].partition('@')[0] for line in out.splitlines() if line.split()}


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    declared = header_symbols(argv[1])
    nodes = map_nodes(argv[2])
    exported = exported_symbols(argv[3])
    errors = []

    functions = {n: kv for n, kv in exported.items() if not (kv[0] == 'A' and n in nodes)}
    for name in sorted(declared - set(functions)):
        errors.append('declared VQR_API in the header but not exported: %s' % name)
    for name in sorted(set(functions) - declared):
        errors.append('exported but not declared VQR_API in the header: %s' % name)
    for name, (kind, version) in sorted(functions.items()):
        if version not in nodes:
            errors.append('%s has version "%s", not a node of the map (%s)'
                          % (name, version, ', '.join(sorted(nodes))))
        elif not any(fnmatch.fnmatchcase(name, p) for p in nodes[version]):
            errors.append('%s matches no global pattern of map node %s' % (name, version))
    for node, pats in nodes.items():
        for p in pats:
            if not any(c in p for c in '*?[') and p not in declared:
                errors.append('map node %s lists %s, which the header does not declare'
                              % (node, p))
    if not declared:
        errors.append('no VQR_API declaration found in %s' % argv[1])
    for name in sorted(undefined_symbols(argv[3])):
        if name.startswith(('QRcode_', 'QRinput_')) and name not in PUBLIC_QRENCODE:
            errors.append('links %s, which qrencode.h does not declare' % name)

    for e in errors:
        print(e)
    print('%d declared, %d exported, map nodes: %s'
          % (len(declared), len(functions), ', '.join(sorted(nodes))))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
