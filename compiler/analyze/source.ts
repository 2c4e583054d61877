import { readFileSync } from 'node:fs'
import { parseSync, type Program } from 'oxc-parser'

/** A parsed file and the means to turn offsets into line:column. */
export class SourceModule {
  readonly program: Program
  readonly syntaxErrors: { message: string; start: number; hint?: string }[]
  private lineStarts?: number[]

  constructor(
    readonly file: string,
    readonly relative: string,
    readonly text: string,
  ) {
    const result = parseSync(file, text, { sourceType: 'module' })
    this.program = result.program
    this.syntaxErrors = result.errors
      .filter((e) => e.severity === 'Error')
      .map((e) => ({ message: e.message, start: e.labels[0]?.start ?? 0, hint: e.helpMessage ?? undefined }))
  }

  static read(file: string, relative: string): SourceModule {
    return new SourceModule(file, relative, readFileSync(file, 'utf8'))
  }

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - starts[low]! + 1 }
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}
