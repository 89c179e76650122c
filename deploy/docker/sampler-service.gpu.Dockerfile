# sampler-service on an NVIDIA GPU (CUDA 12.8). Build from the repository root after ./mvnw -B -DskipTests package:
#   docker build -f deploy/docker/sampler-service.gpu.Dockerfile -t tempered/sampler-service:0.1.0-gpu .
#
# How DJL finds CUDA here: the jar bundles only the CPU libtorch, so the image carries PyTorch
# 2.7.1+cu128 (the version DJL 0.36's pytorch-jni 2.7.1-0.36.0 is built against) from the PyTorch
# wheel, whose lib/ holds libtorch_cuda.so and finds cuDNN/cuBLAS/NCCL in the nvidia-* wheels by
# RPATH. PYTORCH_LIBRARY_PATH makes DJL load that libtorch instead of the bundled one,
# PYTORCH_FLAVOR=cu128 picks the matching JNI library (jnilib/linux-x86_64/cu128 in pytorch-jni),
# and the NVIDIA container runtime mounts the driver (libcuda.so) at run time.
FROM nvidia/cuda:12.8.1-base-ubuntu24.04
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       openjdk-17-jre-headless python3-pip \
    && pip3 install --no-cache-dir --break-system-packages \
       --index-url https://download.pytorch.org/whl/cu128 torch==2.7.1 \
    && apt-get purge -y python3-pip && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 tempered && useradd --system --uid 10001 --gid 10001 tempered
WORKDIR /app
COPY sampler-service/target/sampler-service.jar /app/app.jar
USER 10001:10001
EXPOSE 8082
ENV SERVER_PORT=8082 \
    TEMPERED_SAMPLER_DEVICE=gpu \
    DJL_CACHE_DIR=/tmp/djl \
    PYTORCH_LIBRARY_PATH=/usr/local/lib/python3.12/dist-packages/torch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -Dai.djl.offline=true"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
