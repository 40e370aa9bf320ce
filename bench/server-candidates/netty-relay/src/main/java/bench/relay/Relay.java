package bench.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;

/**
 * Bench-only candidate for the mirror's server (bench/mirror-cpu.sh NETTY=1; docs/PERFORMANCE.md, "Server candidates"),
 * not shipped: a loopback HTTP/1.1 relay for the Docker Registry v2 read API on Netty 4.2 (NIO transport).
 * GET/HEAD only; /v2/X -> /v2/PREFIX/X (except /v2/ itself); adds Authorization: Basic; forwards over pooled keep-alive
 * upstream connections (one idle pool per event loop, the upstream channel is registered on the inbound channel's loop,
 * so an exchange never crosses threads); streams bodies with autoRead/writability backpressure.
 *
 * Args: --listen HOST:PORT --upstream HOST:PORT [--prefix docker-hub] [--auth BASE64 | --user-pass U:P]
 *       [--threads 1] [--max-idle 128 (idle upstream connections kept per event loop)] [--read-max 262144] [--wbuf-high 524288]
 */
public final class Relay {
    static final AsciiString[] COPIED = {
        HttpHeaderNames.CONTENT_TYPE, AsciiString.cached("docker-content-digest"),
        AsciiString.cached("docker-distribution-api-version"), HttpHeaderNames.ETAG, HttpHeaderNames.LOCATION,
        HttpHeaderNames.CONTENT_LENGTH,
    };

    static String prefix = "docker-hub";
    static String authValue;
    static String upstreamHostHeader;
    static InetSocketAddress upstreamAddr;
    static int maxIdle = 128; // per event loop; nginx here keeps 64 per worker x 2 workers
    static int readMax = 262144, wbufHigh = 524288;
    static EventLoopGroup group;

    /** Idle upstream channels of the current event loop (only touched from that loop). */
    static final FastThreadLocal<ArrayDeque<Channel>> IDLE = new FastThreadLocal<>() {
        @Override protected ArrayDeque<Channel> initialValue() { return new ArrayDeque<>(); }
    };

    public static void main(String[] args) throws Exception {
        String listen = "127.0.0.1:5000", upstream = null, auth = null;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = args[++i];
                case "--upstream" -> upstream = args[++i];
                case "--prefix" -> prefix = args[++i];
                case "--auth" -> auth = args[++i];
                case "--user-pass" -> auth = Base64.getEncoder().encodeToString(args[++i].getBytes());
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--max-idle" -> maxIdle = Integer.parseInt(args[++i]);
                case "--read-max" -> readMax = Integer.parseInt(args[++i]);
                case "--wbuf-high" -> wbufHigh = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (upstream == null) throw new IllegalArgumentException("--upstream HOST:PORT is required");
        authValue = "Basic " + (auth == null ? "" : auth);
        upstreamHostHeader = upstream;
        upstreamAddr = hostPort(upstream);
        InetSocketAddress listenAddr = hostPort(listen);

        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(wbufHigh / 2, wbufHigh))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new Inbound());
                }
            });
        Channel server = sb.bind(listenAddr).sync().channel();
        // -Drelay.t0ns=$(date +%s%N) from the launching shell: wall ms from just before exec to listening.
        String t0 = System.getProperty("relay.t0ns");
        Instant now = Instant.now();
        long ms = t0 == null ? -1 : (now.getEpochSecond() * 1_000_000_000L + now.getNano() - Long.parseLong(t0)) / 1_000_000;
        System.out.println("relay listening on " + server.localAddress() + " threads=" + threads + " maxIdle=" + maxIdle + " readMax=" + readMax + " wbufHigh=" + wbufHigh + " after " + ms
            + " ms since exec; hasUnsafe=" + PlatformDependent.hasUnsafe() + " directPreferred="
            + PlatformDependent.directBufferPreferred() + " allocator=" + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
            + " cleaner=" + cleaner() + " java=" + Runtime.version());
        System.out.flush();
        server.closeFuture().sync();
    }

    static String cleaner() {
        try {
            java.lang.reflect.Field f = PlatformDependent.class.getDeclaredField("CLEANER");
            f.setAccessible(true);
            return f.get(null).getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?(" + e + ")";
        }
    }

    static InetSocketAddress hostPort(String s) {
        int c = s.lastIndexOf(':');
        return new InetSocketAddress(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
    }

    static String rewrite(String uri) {
        if (uri.startsWith("/v2/") && uri.length() > 4 && uri.charAt(4) != '?') {
            return "/v2/" + prefix + "/" + uri.substring(4);
        }
        return uri;
    }

    static boolean hopByHop(String name) {
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive")
            || name.equalsIgnoreCase("proxy-connection") || name.equalsIgnoreCase("te")
            || name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("transfer-encoding")
            || name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("host")
            || name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("content-length")
            || name.equalsIgnoreCase("proxy-authorization");
    }

    /** Per-loop bootstrap: upstream channels are registered on the loop that runs the exchange. */
    static final FastThreadLocal<Bootstrap> BOOT = new FastThreadLocal<>();

    static Bootstrap bootstrap(Channel in) {
        Bootstrap b = BOOT.get();
        if (b == null) {
            b = new Bootstrap().group(in.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, readMax))
                .remoteAddress(upstreamAddr)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(4096, 16384, Math.max(65536, readMax)), new Upstream());
                    }
                });
            BOOT.set(b);
        }
        return b;
    }

    /** One per client connection; runs one exchange at a time (client reads are off while one is in flight). */
    static final class Inbound extends ChannelInboundHandlerAdapter {
        ChannelHandlerContext ctx;
        HttpMethod method;
        String uri;
        HttpHeaders upHeaders;
        boolean keepAlive, http10, head, responseStarted, upstreamKeepAlive, retried, chunkedOut;
        Channel upstream;
        boolean inExchange;

        @Override public void handlerAdded(ChannelHandlerContext ctx) { this.ctx = ctx; }

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof HttpRequest req)) return; // request bodies (GET/HEAD: none) are dropped
                if (inExchange) return; // pipelined request while one is in flight: not supported (autoRead is off)
                if (!req.decoderResult().isSuccess()) { simple(HttpResponseStatus.BAD_REQUEST, false); return; }
                keepAlive = HttpUtil.isKeepAlive(req);
                http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
                method = req.method();
                if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
                    simple(HttpResponseStatus.METHOD_NOT_ALLOWED, keepAlive);
                    return;
                }
                head = method == HttpMethod.HEAD;
                uri = rewrite(req.uri());
                HttpHeaders h = new DefaultHttpHeaders(false);
                for (Map.Entry<String, String> e : req.headers()) {
                    if (!hopByHop(e.getKey())) h.add(e.getKey(), e.getValue());
                }
                h.set(HttpHeaderNames.HOST, upstreamHostHeader);
                h.set(HttpHeaderNames.AUTHORIZATION, authValue);
                upHeaders = h;
                responseStarted = false;
                retried = false;
                inExchange = true;
                ctx.channel().config().setAutoRead(false);
                acquire();
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        void acquire() {
            ArrayDeque<Channel> idle = IDLE.get();
            Channel c;
            while ((c = idle.pollLast()) != null) {
                if (c.isActive()) { send(c, true); return; }
            }
            bootstrap(ctx.channel()).connect().addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    if (inExchange && !responseStarted) { inExchange = false; simple(HttpResponseStatus.BAD_GATEWAY, false); }
                    return;
                }
                if (!ctx.channel().isActive() || !inExchange) { release(f.channel(), true); return; }
                send(f.channel(), false);
            });
        }

        void send(Channel c, boolean reused) {
            upstream = c;
            c.pipeline().get(Upstream.class).owner = this;
            DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.EMPTY_BUFFER, upHeaders, EmptyHttpHeaders.INSTANCE);
            c.writeAndFlush(r).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) f.channel().close(); // -> Upstream.channelInactive -> upstreamClosed
            });
        }

        /** From the upstream channel (same event loop). */
        void fromUpstream(Object msg) {
            Channel in = ctx.channel();
            if (msg instanceof HttpResponse r) {
                responseStarted = true;
                upstreamKeepAlive = HttpUtil.isKeepAlive(r);
                DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status());
                HttpHeaders src = r.headers(), dst = out.headers();
                for (AsciiString n : COPIED) {
                    String v = src.get(n);
                    if (v != null) dst.set(n, v);
                }
                chunkedOut = false;
                int code = r.status().code();
                boolean bodyless = head || code == 204 || code == 304 || code / 100 == 1;
                if (!src.contains(HttpHeaderNames.CONTENT_LENGTH) && !bodyless) {
                    if (http10) keepAlive = false; // close-delimited
                    else { dst.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED); chunkedOut = true; }
                }
                if (!keepAlive) dst.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                else if (http10) dst.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                in.write(out);
            }
            if (msg instanceof HttpContent c) {
                if (c instanceof LastHttpContent) {
                    ChannelFuture f = in.writeAndFlush(c.content().isReadable()
                        ? new DefaultLastHttpContent(c.content()) : releaseAndEmpty(c));
                    finish(f);
                    return;
                }
                in.write(c);
                if (!in.isWritable()) upstream.config().setAutoRead(false);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        static LastHttpContent releaseAndEmpty(HttpContent c) { c.release(); return LastHttpContent.EMPTY_LAST_CONTENT; }

        void flush() { ctx.channel().flush(); }

        void finish(ChannelFuture lastWrite) {
            Channel up = upstream;
            upstream = null;
            inExchange = false;
            release(up, upstreamKeepAlive);
            if (keepAlive) ctx.channel().config().setAutoRead(true);
            else lastWrite.addListener(ChannelFutureListener.CLOSE);
        }

        static void release(Channel up, boolean reusable) {
            up.pipeline().get(Upstream.class).owner = null;
            up.config().setAutoRead(true);
            ArrayDeque<Channel> idle = IDLE.get();
            if (reusable && up.isActive() && idle.size() < maxIdle) idle.addLast(up);
            else up.close();
        }

        /** The upstream channel closed before the exchange finished. */
        void upstreamClosed(Channel up, boolean wasReused) {
            upstream = null;
            if (!responseStarted) {
                if (!retried) { retried = true; acquire(); return; } // GET/HEAD are idempotent: one retry
                inExchange = false;
                simple(HttpResponseStatus.BAD_GATEWAY, false);
            } else {
                inExchange = false;
                ctx.channel().close();
            }
        }

        void simple(HttpResponseStatus st, boolean ka) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, st, Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            if (st == HttpResponseStatus.METHOD_NOT_ALLOWED) r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            if (!ka) r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ChannelFuture f = ctx.channel().writeAndFlush(r);
            if (!ka) f.addListener(ChannelFutureListener.CLOSE);
        }

        @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && upstream != null) upstream.config().setAutoRead(true);
            ctx.fireChannelWritabilityChanged();
        }

        @Override public void channelInactive(ChannelHandlerContext ctx) {
            inExchange = false;
            Channel up = upstream;
            if (up != null) {
                upstream = null;
                up.pipeline().get(Upstream.class).owner = null;
                up.close(); // mid-response: the connection cannot be reused
            }
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }

    /** One per upstream channel; forwards to its current owner. */
    static final class Upstream extends ChannelInboundHandlerAdapter {
        Inbound owner;
        boolean used;

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Inbound o = owner;
            if (o == null) { ReferenceCountUtil.release(msg); ctx.close(); return; }
            used = true;
            o.fromUpstream(msg);
        }

        @Override public void channelReadComplete(ChannelHandlerContext ctx) {
            Inbound o = owner;
            if (o != null) o.flush();
        }

        @Override public void channelInactive(ChannelHandlerContext ctx) {
            IDLE.get().remove(ctx.channel());
            Inbound o = owner;
            owner = null;
            if (o != null) o.upstreamClosed(ctx.channel(), used);
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }
}
