import { describe, expect, it } from 'vitest';
import { EventSink, framedParser } from '../../../src/core/providers/common';
import { createLineReader, createSseReader } from '../../../src/core/providers/sse';

describe('framedParser (the feed / end / malformed count every adapter shares)', () => {
  const lineParser = (flush?: () => void) => {
    const sink = new EventSink();
    const parser = framedParser(
      createLineReader(),
      sink,
      (line) => {
        if (line === 'stop') sink.done('stop');
        else if (line.startsWith('a:')) sink.answer(line.slice(2));
        else sink.malformed();
      },
      flush && (() => flush.call(sink)),
    );
    return { parser, sink };
  };

  it('stamps the events of one feed with that call\'s time and hands each event out once', () => {
    const { parser } = lineParser();
    expect(parser.feed('a:one\na:tw', 5)).toEqual([{ type: 'answer', text: 'one', t: 5 }]);
    expect(parser.feed('o\n', 9)).toEqual([{ type: 'answer', text: 'two', t: 9 }]);
    expect(parser.feed('', 10)).toEqual([]);
  });

  it('counts the frames the handler skipped plus the lines the SSE framer could not read', () => {
    const sink = new EventSink();
    const parser = framedParser(createSseReader(), sink, (m) => (m.data === 'ok' ? sink.answer('x') : sink.malformed()));
    parser.feed('data: ok\n\ndata: nope\n\nnot a field line\n\n', 0);
    expect(parser.malformedCount).toBe(2);
  });

  it('runs the flush at the end only when the stream has not ended itself', () => {
    let flushed = 0;
    const open = lineParser(function (this: EventSink) {
      flushed++;
      this.answer('held back');
    });
    expect(open.parser.end(3)).toEqual([{ type: 'answer', text: 'held back', t: 3 }]);
    expect(flushed).toBe(1);

    const ended = lineParser(() => {
      flushed++;
    });
    ended.parser.feed('stop\n', 1);
    expect(ended.parser.end(2)).toEqual([]);
    expect(flushed).toBe(1);
  });

  it('reads a last line that lacks its newline at the end', () => {
    const { parser } = lineParser();
    expect(parser.feed('a:last', 1)).toEqual([]);
    expect(parser.end(2)).toEqual([{ type: 'answer', text: 'last', t: 2 }]);
  });
});
